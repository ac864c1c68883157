//! A remote Graph Store Protocol endpoint: a graph replaced whole by `PUT ?graph=IRI` (its
//! Turtle), or removed by `DELETE`; transient failures (no connection, a timeout, a 5xx)
//! retried with back-off, each attempt sending the whole graph again, so that a store whose
//! PUT is not atomic (Virtuoso's) ends with the whole graph or reports it not sent.

use std::time::Duration;

use base64::Engine as _;
use ureq::Agent;

/// How to reach the endpoint.
#[derive(Debug, Clone)]
pub struct Remote {
    /// The Graph Store endpoint, e.g. `http://host:7878/store`.
    pub endpoint: String,
    /// The name of its graph parameter: `graph` (the protocol), `graph-uri` (Virtuoso).
    pub graph_param: String,
    /// `user:password`, sent as Basic authentication.
    pub credentials: Option<(String, String)>,
    /// How many times a transient failure is tried again.
    pub retries: u32,
    /// The wait before the first retry; each next one waits twice as long.
    pub backoff: Duration,
    agent: Agent,
}

/// Why a graph could not be sent.
#[derive(Debug)]
pub enum Failure {
    /// The server answered no, with its status and what it said.
    Refused { status: u16, answer: String },
    /// The server could not be reached or failed, after every retry.
    Unreachable(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Refused {
                status: 401,
                answer,
            }
            | Failure::Refused {
                status: 403,
                answer,
            } => {
                write!(f, "the server refused the credentials ({answer})")
            }
            Failure::Refused { status, answer } => {
                write!(f, "the server answered {status}: {answer}")
            }
            Failure::Unreachable(why) => write!(f, "{why}"),
        }
    }
}

impl Remote {
    pub fn new(
        endpoint: String,
        graph_param: String,
        credentials: Option<(String, String)>,
    ) -> Self {
        let agent = Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(300)))
            .build()
            .into();
        Self {
            endpoint,
            graph_param,
            credentials,
            retries: 4,
            backoff: Duration::from_millis(500),
            agent,
        }
    }

    /// The address of one graph.
    pub fn graph_url(&self, graph: &str) -> String {
        let separator = if self.endpoint.contains('?') {
            '&'
        } else {
            '?'
        };
        let iri: String = form_urlencoded::byte_serialize(graph.as_bytes()).collect();
        format!("{}{separator}{}={iri}", self.endpoint, self.graph_param)
    }

    /// Replaces `graph` with `turtle`.
    pub fn put(&self, graph: &str, turtle: &[u8]) -> Result<(), Failure> {
        let url = self.graph_url(graph);
        self.with_retries(|| {
            let request = self.agent.put(&url).header("Content-Type", "text/turtle");
            self.authorized(request).send(turtle)
        })
    }

    /// Removes `graph`; a graph already gone counts as removed.
    pub fn delete(&self, graph: &str) -> Result<(), Failure> {
        let url = self.graph_url(graph);
        match self.with_retries(|| self.authorized(self.agent.delete(&url)).call()) {
            Err(Failure::Refused { status: 404, .. }) => Ok(()),
            other => other,
        }
    }

    fn authorized<B>(&self, request: ureq::RequestBuilder<B>) -> ureq::RequestBuilder<B> {
        match &self.credentials {
            Some((user, password)) => {
                let token =
                    base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
                request.header("Authorization", format!("Basic {token}"))
            }
            None => request,
        }
    }

    fn with_retries(
        &self,
        attempt: impl Fn() -> Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<(), Failure> {
        let mut wait = self.backoff;
        let mut tries = 0;
        loop {
            let failure = match attempt() {
                Ok(response) if response.status().is_success() => return Ok(()),
                Ok(mut response) => {
                    let status = response.status().as_u16();
                    let answer = response.body_mut().read_to_string().unwrap_or_default();
                    let answer = answer.trim().chars().take(300).collect::<String>();
                    let failure = Failure::Refused { status, answer };
                    if status < 500 {
                        return Err(failure);
                    }
                    failure
                }
                Err(e) => Failure::Unreachable(format!("cannot reach {}: {e}", self.endpoint)),
            };
            tries += 1;
            if tries > self.retries {
                return Err(failure);
            }
            std::thread::sleep(wait);
            wait *= 2;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_graph_is_named_by_the_endpoints_parameter_with_its_iri_encoded() {
        let remote = Remote::new("http://h:1/store".into(), "graph".into(), None);
        assert_eq!(
            remote.graph_url("https://newskg.example/graph/article/a000"),
            "http://h:1/store?graph=https%3A%2F%2Fnewskg.example%2Fgraph%2Farticle%2Fa000"
        );
        let virtuoso = Remote::new(
            "http://h/sparql-graph-crud-auth?x=1".into(),
            "graph-uri".into(),
            None,
        );
        assert_eq!(
            virtuoso.graph_url("a:b"),
            "http://h/sparql-graph-crud-auth?x=1&graph-uri=a%3Ab"
        );
    }
}
