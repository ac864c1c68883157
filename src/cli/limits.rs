//! The limits of a `newskg query`: a time after which the query is stopped and a number of
//! rows beyond which the answer is refused, so that no query runs forever or fills a disk.

use std::time::Duration;

use oxigraph::sparql::{
    CancellationToken, QueryEvaluationError, QueryResults, QuerySolutionIter, QueryTripleIter,
};

/// How long a query may run and how many rows (or triples) its answer may have.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// `None`: no time limit.
    pub time: Option<Duration>,
    /// `None`: no row limit.
    pub rows: Option<u64>,
}

/// Why a query was stopped.
#[derive(Debug, thiserror::Error)]
pub enum Stopped {
    #[error(
        "the query ran longer than {0} s and was stopped; give --timeout SECONDS to allow \
         longer (0 for no limit), or ask for less"
    )]
    Time(u64),
    #[error(
        "the answer has more than {0} rows and was stopped there (an output file is not written); \
         give --max-rows ROWS to allow \
         more (0 for no limit), or add LIMIT to the query"
    )]
    Rows(u64),
}

impl Limits {
    /// A cancellation token that fires when the time limit is up.
    pub fn token(&self) -> CancellationToken {
        let token = CancellationToken::new();
        if let Some(time) = self.time {
            let fire = token.clone();
            // Detached: it outlives the query by at most the limit, in a process that ends
            // with the query.
            std::thread::spawn(move || {
                std::thread::sleep(time);
                fire.cancel();
            });
        }
        token
    }

    /// `results`, stopped with [`Stopped`] when they run past the limits.
    pub fn apply(self, results: QueryResults<'static>) -> QueryResults<'static> {
        match results {
            QueryResults::Solutions(solutions) => {
                let variables = solutions.variables().to_vec();
                let rows = self.watch(solutions);
                QueryResults::Solutions(QuerySolutionIter::new(variables.into(), rows))
            }
            QueryResults::Graph(triples) => {
                QueryResults::Graph(QueryTripleIter::new(self.watch(triples)))
            }
            boolean => boolean,
        }
    }

    fn watch<T>(
        self,
        items: impl Iterator<Item = Result<T, QueryEvaluationError>>,
    ) -> impl Iterator<Item = Result<T, QueryEvaluationError>> {
        let mut count = 0u64;
        items.map(move |item| {
            count += 1;
            match item {
                Err(QueryEvaluationError::Cancelled) => Err(self.stopped_by_time()),
                Ok(_) if self.rows.is_some_and(|max| count > max) => {
                    Err(QueryEvaluationError::Unexpected(Box::new(Stopped::Rows(
                        self.rows.unwrap_or(0),
                    ))))
                }
                other => other,
            }
        })
    }

    fn stopped_by_time(&self) -> QueryEvaluationError {
        let seconds = self.time.map_or(0, |t| t.as_secs());
        QueryEvaluationError::Unexpected(Box::new(Stopped::Time(seconds)))
    }

    /// The error to report for `e`: the limit it ran into, when it is a cancellation.
    pub fn explain(&self, e: QueryEvaluationError) -> QueryEvaluationError {
        match e {
            QueryEvaluationError::Cancelled => self.stopped_by_time(),
            e => e,
        }
    }
}
