//! How newskg words the graph for people, the same in every output: the label language, and
//! (as they move here) dates, amounts, relation colours and order, and node labels.
//!
//! Pictures, property-graph exports and query answers all say "≥ $300M" or "2022–2024" the same
//! way because they all call this module; nothing outside `draw` needs `draw` for it.

/// The language of labels in the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    En,
    Ar,
}

impl Lang {
    /// The BCP 47 tag of the language's literals: `en` or `ar`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ar => "ar",
        }
    }
}
