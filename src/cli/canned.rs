//! The canned queries as subcommands of `newskg query`, made from their headers at run time,
//! so that `newskg query NAME --help` is clap's own help with the query's parameters and
//! columns, and shell completion knows the names.

use clap::{ArgMatches, Command, FromArgMatches, Subcommand};
use newskg::queries::{self, CannedQuery, ParamKind};

/// The canned query that `newskg query NAME` names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CannedName(pub String);

impl FromArgMatches for CannedName {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        match matches.subcommand_name() {
            Some(name) => Ok(Self(name.to_owned())),
            None => Err(clap::Error::new(clap::error::ErrorKind::MissingSubcommand)),
        }
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(matches)?;
        Ok(())
    }
}

impl Subcommand for CannedName {
    fn augment_subcommands(cmd: Command) -> Command {
        cmd.subcommands(queries::all().iter().map(|q| {
            let text = parameters_and_columns(q);
            Command::new(q.name)
                .about(q.title.clone())
                .long_about(format!("{}\n\n{}", q.title, questions(q)))
                .after_help(text.clone())
                .after_long_help(text)
        }))
    }

    fn augment_subcommands_for_update(cmd: Command) -> Command {
        Self::augment_subcommands(cmd)
    }

    fn has_subcommand(name: &str) -> bool {
        queries::get(name).is_some()
    }
}

/// What a canned query asks, its parameters and its columns.
pub fn describe(q: &CannedQuery) -> String {
    format!("{}\n\n{}", questions(q), parameters_and_columns(q))
}

fn questions(q: &CannedQuery) -> String {
    format!("  {}\n  {}", q.question_en, q.question_ar)
}

fn parameters_and_columns(q: &CannedQuery) -> String {
    let mut out = String::from("Parameters:\n");
    if q.params.is_empty() {
        out.push_str("  (none)\n");
    }
    for p in &q.params {
        let kind = match p.kind {
            ParamKind::Entity => "entity: id, or name in Arabic or English",
            ParamKind::Text => "text",
        };
        let default = p
            .default
            .as_deref()
            .map(|d| format!(" [default: {d}]"))
            .unwrap_or_default();
        out.push_str(&format!(
            "  {:<12} {} ({kind}){default}\n",
            p.name, p.description
        ));
    }
    out.push_str("\nColumns:\n");
    for c in &q.columns {
        let list = if c.list {
            " (a list, joined by \"; \")"
        } else {
            ""
        };
        out.push_str(&format!("  {:<12} {}{list}\n", c.name, c.description));
    }
    out
}
