//! A remote Graph Store Protocol endpoint: a graph replaced whole by `PUT ?graph=IRI` (its
//! Turtle), or removed by `DELETE`; transient failures (no connection, a timeout, a 5xx)
//! retried with back-off, each attempt sending the whole graph again, so that a store whose
//! PUT is not atomic (Virtuoso's) ends with the whole graph or reports it not sent.
//!
//! With credentials, the endpoint's challenge is fetched once with a GET: a Digest challenge
//! (Virtuoso's `sparql-graph-crud-auth`) is answered on every request with its nonce, so that
//! no body is sent twice to learn it; otherwise Basic authentication is sent.

use std::borrow::Cow;
use std::sync::Mutex;
use std::time::Duration;

use base64::Engine as _;
use digest_auth::{AuthContext, HttpMethod, WwwAuthenticateHeader};
use ureq::http::Response;
use ureq::{Agent, Body};

/// How to reach the endpoint.
#[derive(Debug)]
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
    /// How to authenticate, once the endpoint's challenge is known.
    scheme: Mutex<Option<Scheme>>,
}

/// The authentication that the endpoint asks for.
#[derive(Debug)]
enum Scheme {
    Basic,
    Digest(WwwAuthenticateHeader),
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
            scheme: Mutex::new(None),
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
            let request = match self.authorization("PUT", &url, turtle)? {
                Some(value) => request.header("Authorization", value),
                None => request,
            };
            Ok(request.send(turtle))
        })
    }

    /// Removes `graph`; a graph already gone counts as removed.
    pub fn delete(&self, graph: &str) -> Result<(), Failure> {
        let url = self.graph_url(graph);
        let removed = self.with_retries(|| {
            let request = self.agent.delete(&url);
            let request = match self.authorization("DELETE", &url, b"")? {
                Some(value) => request.header("Authorization", value),
                None => request,
            };
            Ok(request.call())
        });
        match removed {
            Err(Failure::Refused { status: 404, .. }) => Ok(()),
            other => other,
        }
    }

    /// The `Authorization` header of one request, if credentials were given.
    fn authorization(
        &self,
        method: &str,
        url: &str,
        body: &[u8],
    ) -> Result<Option<String>, Failure> {
        let Some((user, password)) = &self.credentials else {
            return Ok(None);
        };
        let mut scheme = self.scheme.lock().unwrap_or_else(|e| e.into_inner());
        if scheme.is_none() {
            *scheme = Some(self.challenge()?);
        }
        Ok(Some(match scheme.as_mut().expect("set above") {
            Scheme::Basic => {
                let token =
                    base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
                format!("Basic {token}")
            }
            Scheme::Digest(prompt) => {
                let context = AuthContext::new_with_method(
                    user.as_str(),
                    password.as_str(),
                    path_and_query(url),
                    Some(body),
                    HttpMethod(Cow::Borrowed(method)),
                );
                prompt
                    .respond(&context)
                    .map_err(|e| {
                        Failure::Unreachable(format!(
                            "cannot answer the Digest challenge of {}: {e}",
                            self.endpoint
                        ))
                    })?
                    .to_string()
            }
        }))
    }

    /// What the endpoint asks for, from a GET without credentials.
    fn challenge(&self) -> Result<Scheme, Failure> {
        let response =
            self.agent.get(&self.endpoint).call().map_err(|e| {
                Failure::Unreachable(format!("cannot reach {}: {e}", self.endpoint))
            })?;
        Ok(scheme_of(&response).unwrap_or(Scheme::Basic))
    }

    fn with_retries(
        &self,
        attempt: impl Fn() -> Result<Result<Response<Body>, ureq::Error>, Failure>,
    ) -> Result<(), Failure> {
        let mut wait = self.backoff;
        let mut tries = 0;
        let mut challenged_again = false;
        loop {
            let failure = match attempt()? {
                Ok(response) if response.status().is_success() => return Ok(()),
                Ok(response) if response.status() == 401 && !challenged_again => {
                    // A nonce that went stale: answer the new challenge, once.
                    challenged_again = true;
                    if let Some(scheme @ Scheme::Digest(_)) = scheme_of(&response) {
                        *self.scheme.lock().unwrap_or_else(|e| e.into_inner()) = Some(scheme);
                        continue;
                    }
                    refused(response)
                }
                Ok(response) => {
                    let failure = refused(response);
                    if matches!(failure, Failure::Refused { status, .. } if status < 500) {
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

/// A refusal, with the first 300 characters of what the server said.
fn refused(mut response: Response<Body>) -> Failure {
    let status = response.status().as_u16();
    let answer = response.body_mut().read_to_string().unwrap_or_default();
    let answer = answer.split_whitespace().collect::<Vec<_>>().join(" ");
    Failure::Refused {
        status,
        answer: answer.chars().take(300).collect(),
    }
}

/// The Digest challenge of a 401 answer, if it has one.
fn scheme_of(response: &Response<Body>) -> Option<Scheme> {
    response
        .headers()
        .get_all("WWW-Authenticate")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.trim_start().starts_with("Digest"))
        .and_then(|v| digest_auth::parse(v).ok())
        .map(Scheme::Digest)
}

/// The path and query of a URL, as Digest authentication signs it.
fn path_and_query(url: &str) -> &str {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    after_scheme.find('/').map_or("/", |i| &after_scheme[i..])
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
