//! The routes of `newskg serve`, one function each, and the response that each outcome of a
//! worker becomes. Every request gets one log line on standard error.

use std::time::Instant;

use oxhttp::model::header::{
    ACCEPT, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS,
    ACCESS_CONTROL_ALLOW_ORIGIN, ALLOW, CONTENT_TYPE, RETRY_AFTER, VARY,
};
use oxhttp::model::{Body, HeaderValue, Method, Request, Response, StatusCode};
use spargebra::{Query, SparqlParser};

use super::negotiate::{self, Format};
use super::request::{self, refuse, QueryRequest, Refusal};
use super::slots::Slots;
use super::worker::Outcome;
use super::ServeConfig;
use crate::cli::exit;

/// The server: its configuration and its slots.
pub struct Server {
    pub config: ServeConfig,
    slots: Slots,
}

/// An answer before it becomes a response: a body of some media type.
struct Answer {
    media_type: &'static str,
    body: Vec<u8>,
}

type Reply = Result<Answer, Refusal>;

impl Server {
    pub fn new(config: ServeConfig, slots: Slots) -> Self {
        Self { config, slots }
    }

    /// Listens on the configured address, answering each connection on its own thread.
    pub fn listen(self) -> anyhow::Result<oxhttp::ListeningServer> {
        let bind = self.config.bind;
        let server = std::sync::Arc::new(self);
        let handler = {
            let server = std::sync::Arc::clone(&server);
            move |request: &mut Request<Body>| server.respond(request)
        };
        let listening = oxhttp::Server::new(handler)
            .bind(bind)
            .with_global_timeout(std::time::Duration::from_secs(600))
            .with_max_concurrent_connections(server.slots.running + server.slots.queue + 64)
            .spawn()
            .map_err(|e| anyhow::anyhow!("cannot listen on {bind}: {e}"))?;
        Ok(listening)
    }

    /// The response to one request, logged.
    fn respond(&self, request: &mut Request<Body>) -> Response<Body> {
        let started = Instant::now();
        let method = request.method().clone();
        let target = request.uri().to_string();
        let reply = self.route(request);
        let (status, mut response) = match reply {
            Ok(answer) => {
                let response = Response::builder()
                    .status(StatusCode::OK)
                    .header(CONTENT_TYPE, answer.media_type)
                    .header(VARY, "Accept");
                // HEAD: the same headers and no body (oxhttp gives its length, 0).
                let body = if method == Method::HEAD {
                    Vec::new()
                } else {
                    answer.body
                };
                (
                    StatusCode::OK,
                    response.body(Body::from(body)).expect("valid response"),
                )
            }
            Err(refusal) => (refusal.status, refusal_response(&refusal)),
        };
        if let Some(origin) = &self.config.cors {
            if let Ok(value) = HeaderValue::from_str(origin) {
                let headers = response.headers_mut();
                headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, value);
                headers.insert(
                    ACCESS_CONTROL_ALLOW_METHODS,
                    HeaderValue::from_static("GET, POST, HEAD"),
                );
                headers.insert(
                    ACCESS_CONTROL_ALLOW_HEADERS,
                    HeaderValue::from_static("Accept, Content-Type"),
                );
            }
        }
        let target: String = target.chars().take(200).collect();
        eprintln!(
            "{} {method} {target} {} {} ms",
            oxsdatatypes::DateTime::now(),
            status.as_u16(),
            started.elapsed().as_millis()
        );
        response
    }

    fn route(&self, request: &mut Request<Body>) -> Reply {
        let path = request.uri().path().to_owned();
        if request.method() == Method::OPTIONS {
            return Err(refuse(StatusCode::NO_CONTENT, ""));
        }
        match path.as_str() {
            "/query" | "/sparql" => self.sparql(request),
            "/store" => self.graph_store(request),
            "/queries" | "/queries/" => only_get(request).and_then(|()| canned_list()),
            _ => match path.strip_prefix("/queries/") {
                Some(name) => only_get(request).and_then(|()| self.canned(request, name)),
                None => only_get(request).and_then(|()| self.page(&path)),
            },
        }
    }

    /// Any other path: a page of the site, made for the current store generation.
    fn page(&self, path: &str) -> Reply {
        let _slot = self.slot()?;
        let (media_type, body) = self.config.pages.file(&self.config.workers, path)?;
        Ok(Answer { media_type, body })
    }

    /// `/query`: the SPARQL 1.1 Protocol.
    fn sparql(&self, request: &mut Request<Body>) -> Reply {
        let asked = request::query_request(request)?;
        let offered = offered_for(&asked.query)?;
        let format = chosen(request, offered)?;
        let mut args = vec!["query".into(), "--file".into(), "-".into()];
        for graph in &asked.default_graphs {
            args.extend(["--default-graph".into(), graph.clone()]);
        }
        for graph in &asked.named_graphs {
            args.extend(["--named-graph".into(), graph.clone()]);
        }
        self.query_worker(args, &asked, format)
    }

    /// `/queries/NAME?param=value&lang=ar`: a canned query, bound as `newskg query` binds it.
    fn canned(&self, request: &Request<Body>, name: &str) -> Reply {
        let Some(canned) = newskg::queries::get(name) else {
            return Err(refuse(
                StatusCode::NOT_FOUND,
                format!("no canned query {name:?}; /queries lists them"),
            ));
        };
        let format = chosen(request, negotiate::RESULTS)?;
        let mut args = vec!["query".to_owned(), canned.name.to_owned()];
        for (key, value) in request::url_pairs(request) {
            match key.as_str() {
                "lang" => args.extend(["--lang".into(), value]),
                _ => args.extend(["--param".into(), format!("{key}={value}")]),
            }
        }
        self.query_worker(args, &QueryRequest::default(), format)
    }

    /// `/store`: the read side of the Graph Store Protocol.
    fn graph_store(&self, request: &Request<Body>) -> Reply {
        if !matches!(*request.method(), Method::GET | Method::HEAD) {
            return Err(refuse(
                StatusCode::METHOD_NOT_ALLOWED,
                "this graph store is read-only (GET and HEAD): the store changes only by \
                 newskg build",
            ));
        }
        let pairs = request::url_pairs(request);
        let graph = pairs
            .iter()
            .find(|(k, _)| k == "graph")
            .map(|(_, v)| v.clone());
        let default = pairs.iter().any(|(k, _)| k == "default");
        let (offered, mut args) = match (graph, default) {
            (Some(_), true) => {
                return Err(refuse(
                    StatusCode::BAD_REQUEST,
                    "give graph=IRI or default, not both",
                ))
            }
            (Some(iri), false) => {
                if oxigraph::model::NamedNode::new(&iri).is_err() {
                    return Err(refuse(
                        StatusCode::BAD_REQUEST,
                        format!("graph={iri:?} is not an absolute IRI"),
                    ));
                }
                (
                    negotiate::GRAPH,
                    vec!["export".to_owned(), "--graph".into(), iri],
                )
            }
            (None, true) => (negotiate::GRAPH, vec!["export".to_owned()]),
            (None, false) => (negotiate::DATASET, vec!["export".to_owned()]),
        };
        let format = chosen(request, offered)?;
        args.extend(["--format".into(), format.name.into()]);
        let _slot = self.slot()?;
        let outcome = self.config.workers.run(&args, "").map_err(worker_error)?;
        self.answer(outcome, format)
    }

    fn query_worker(&self, mut args: Vec<String>, asked: &QueryRequest, format: Format) -> Reply {
        args.extend(["--format".into(), format.name.into()]);
        args.extend(["--timeout".into(), self.timeout_seconds().to_string()]);
        args.extend([
            "--max-rows".into(),
            self.config.max_rows.unwrap_or(0).to_string(),
        ]);
        let _slot = self.slot()?;
        let outcome = self
            .config
            .workers
            .run(&args, &asked.query)
            .map_err(worker_error)?;
        self.answer(outcome, format)
    }

    fn slot(&self) -> Result<super::slots::Slot<'_>, Refusal> {
        self.slots.take().ok_or_else(|| {
            refuse(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "the server is busy: {} queries are running and {} waiting; try again",
                    self.slots.running, self.slots.queue
                ),
            )
        })
    }

    fn timeout_seconds(&self) -> u64 {
        self.config.timeout.map_or(0, |t| t.as_secs().max(1))
    }

    /// The response that a worker's outcome becomes.
    fn answer(&self, outcome: Outcome, format: Format) -> Reply {
        match outcome {
            Outcome::Answer(body) => Ok(Answer {
                media_type: format.media_type,
                body,
            }),
            Outcome::Killed => Err(self.too_long()),
            Outcome::TooLarge(bytes) => Err(refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!(
                    "the answer is larger than {bytes} bytes, the limit of this server \
                     (newskg serve --max-bytes); add LIMIT to the query, or ask for less"
                ),
            )),
            Outcome::Failed { code, message } => Err(match code.map(|c| c as u8) {
                Some(exit::STOPPED_BY_TIME) => self.too_long(),
                Some(exit::STOPPED_BY_ROWS) => refuse(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    format!(
                        "the answer has more than {} rows, the limit of this server (newskg \
                         serve --max-rows); add LIMIT to the query, or ask for less",
                        self.config.max_rows.unwrap_or(0)
                    ),
                ),
                Some(exit::NOT_FOUND) => refuse(StatusCode::NOT_FOUND, message),
                Some(exit::BAD_PARAMETER) => refuse(StatusCode::BAD_REQUEST, message),
                _ => refuse(StatusCode::INTERNAL_SERVER_ERROR, message),
            }),
        }
    }

    fn too_long(&self) -> Refusal {
        refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the query ran longer than {} s, the limit of this server (newskg serve \
                 --timeout), and was stopped; ask for less",
                self.timeout_seconds()
            ),
        )
    }
}

/// The formats that the query's form gives, or the parser's complaint.
fn offered_for(text: &str) -> Result<&'static [Format], Refusal> {
    match SparqlParser::new().parse_query(text) {
        Ok(Query::Select { .. } | Query::Ask { .. }) => Ok(negotiate::RESULTS),
        Ok(Query::Construct { .. } | Query::Describe { .. }) => Ok(negotiate::GRAPH),
        Err(_) if SparqlParser::new().parse_update(text).is_ok() => Err(request::read_only()),
        Err(e) => Err(refuse(
            StatusCode::BAD_REQUEST,
            format!("the SPARQL query does not parse: {e}"),
        )),
    }
}

fn chosen(request: &Request<Body>, offered: &[Format]) -> Result<Format, Refusal> {
    let accept = request.headers().get(ACCEPT).and_then(|v| v.to_str().ok());
    negotiate::choose(accept, offered).ok_or_else(|| {
        refuse(
            StatusCode::NOT_ACCEPTABLE,
            format!(
                "none of the formats in Accept: {} is given here; this answer can be: {}",
                accept.unwrap_or(""),
                negotiate::listed(offered)
            ),
        )
    })
}

fn only_get(request: &Request<Body>) -> Result<(), Refusal> {
    match *request.method() {
        Method::GET | Method::HEAD => Ok(()),
        _ => Err(refuse(
            StatusCode::METHOD_NOT_ALLOWED,
            "this takes GET and HEAD",
        )),
    }
}

fn worker_error(e: std::io::Error) -> Refusal {
    refuse(
        StatusCode::INTERNAL_SERVER_ERROR,
        format!("cannot start a query worker: {e}"),
    )
}

/// `/queries`: every canned query, its questions, parameters and columns, as JSON.
fn canned_list() -> Reply {
    let list: Vec<serde_json::Value> = newskg::queries::all()
        .iter()
        .map(|q| {
            serde_json::json!({
                "name": q.name,
                "title": q.title,
                "question_en": q.question_en,
                "question_ar": q.question_ar,
                "url": format!("/queries/{}", q.name),
                "params": q.params.iter().map(|p| serde_json::json!({
                    "name": p.name,
                    "kind": format!("{:?}", p.kind).to_lowercase(),
                    "default": p.default,
                    "description": p.description,
                })).collect::<Vec<_>>(),
                "columns": q.columns.iter().map(|c| serde_json::json!({
                    "name": c.name,
                    "description": c.description,
                    "list": c.list,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    Ok(Answer {
        media_type: "application/json",
        body: serde_json::to_vec_pretty(&list).expect("JSON of strings"),
    })
}

fn refusal_response(refusal: &Refusal) -> Response<Body> {
    let mut response = Response::builder().status(refusal.status);
    if refusal.status == StatusCode::METHOD_NOT_ALLOWED || refusal.status == StatusCode::NO_CONTENT
    {
        response = response.header(ALLOW, "GET, POST, HEAD, OPTIONS");
    }
    if refusal.status == StatusCode::SERVICE_UNAVAILABLE {
        response = response.header(RETRY_AFTER, "1");
    }
    let body = if refusal.message.is_empty() {
        Body::empty()
    } else {
        response = response.header(CONTENT_TYPE, "text/plain; charset=utf-8");
        Body::from(format!("{}\n", refusal.message))
    };
    response.body(body).expect("valid response")
}
