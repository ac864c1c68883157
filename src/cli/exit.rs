//! The exit status of `newskg`, by kind of failure, so that scripts (and `newskg serve`,
//! which runs each query as a `newskg query` process) can tell them apart:
//! 0 success; 1 any other failure; 2 a command line that does not parse; then the codes below.

use oxigraph::sparql::QueryEvaluationError;

use super::limits::Stopped;

/// A query ran past its `--timeout`.
pub const STOPPED_BY_TIME: u8 = 3;
/// What was asked for is not there: a graph, a canned query.
pub const NOT_FOUND: u8 = 4;
/// A parameter names no entity (or several), or the query has no such parameter.
pub const BAD_PARAMETER: u8 = 5;
/// An answer had more rows than `--max-rows`.
pub const STOPPED_BY_ROWS: u8 = 6;

/// The exit status for `err`.
pub fn code(err: &anyhow::Error) -> u8 {
    for cause in err.chain() {
        if let Some(stopped) = stopped(cause) {
            return code_of(stopped);
        }
        if let Some(e) = cause.downcast_ref::<newskg::Error>() {
            match e {
                newskg::Error::UnknownGraph { .. } | newskg::Error::UnknownQuery { .. } => {
                    return NOT_FOUND
                }
                newskg::Error::UnknownEntity { .. }
                | newskg::Error::AmbiguousEntity { .. }
                | newskg::Error::UnknownParam { .. } => return BAD_PARAMETER,
                newskg::Error::Evaluation(e) => {
                    if let Some(stopped) = stopped(e) {
                        return code_of(stopped);
                    }
                }
                _ => {}
            }
        }
    }
    1
}

fn code_of(stopped: &Stopped) -> u8 {
    match stopped {
        Stopped::Time(_) => STOPPED_BY_TIME,
        Stopped::Rows(_) => STOPPED_BY_ROWS,
    }
}

/// The limit that stopped a query, when `cause` is that.
fn stopped<'e>(cause: &'e (dyn std::error::Error + 'static)) -> Option<&'e Stopped> {
    if let Some(stopped) = cause.downcast_ref::<Stopped>() {
        return Some(stopped);
    }
    match cause.downcast_ref::<QueryEvaluationError>()? {
        QueryEvaluationError::Unexpected(inner) => inner.downcast_ref::<Stopped>(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_and_unknown_names_have_their_own_codes() {
        let time = QueryEvaluationError::Unexpected(Box::new(Stopped::Time(2)));
        assert_eq!(code(&anyhow::Error::from(time)), STOPPED_BY_TIME);
        let rows = QueryEvaluationError::Unexpected(Box::new(Stopped::Rows(9)));
        let wrapped = anyhow::Error::from(rows).context("writing the answer");
        assert_eq!(code(&wrapped), STOPPED_BY_ROWS);
        let graph = newskg::Error::UnknownGraph {
            name: "x".into(),
            known: String::new(),
        };
        assert_eq!(code(&graph.into()), NOT_FOUND);
        let entity = newskg::Error::UnknownEntity {
            name: "x".into(),
            suggestions: String::new(),
        };
        assert_eq!(code(&entity.into()), BAD_PARAMETER);
        assert_eq!(code(&anyhow::anyhow!("anything else")), 1);
    }
}
