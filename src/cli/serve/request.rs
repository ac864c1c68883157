//! What a SPARQL Protocol request asks, read from its method, its URL and its body: the query
//! text and the dataset it names. Updates are recognised here, to be refused.

use oxhttp::model::{header::CONTENT_TYPE, Body, Method, Request, StatusCode};

/// The largest request body read, in bytes.
const MAX_BODY: u64 = 1 << 20;

/// A refusal: the status and the message for the client.
#[derive(Debug, PartialEq, Eq)]
pub struct Refusal {
    pub status: StatusCode,
    pub message: String,
}

pub fn refuse(status: StatusCode, message: impl Into<String>) -> Refusal {
    Refusal {
        status,
        message: message.into(),
    }
}

/// A query as the protocol gives it.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct QueryRequest {
    pub query: String,
    /// `default-graph-uri`: the graphs whose union is the default graph (none: all of them).
    pub default_graphs: Vec<String>,
    /// `named-graph-uri`: the graphs that GRAPH may read (none: all of them).
    pub named_graphs: Vec<String>,
}

/// The URL's query string as pairs.
pub fn url_pairs(request: &Request<Body>) -> Vec<(String, String)> {
    let query = request.uri().query().unwrap_or("");
    form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect()
}

/// Reads the query of a GET or POST to the SPARQL endpoint.
pub fn query_request(request: &mut Request<Body>) -> Result<QueryRequest, Refusal> {
    let mut pairs = url_pairs(request);
    let mut body_query = None;
    match *request.method() {
        Method::GET | Method::HEAD => {}
        Method::POST => {
            let kind = content_type(request);
            let body = read_body(request)?;
            match kind.as_str() {
                "application/x-www-form-urlencoded" => {
                    pairs.extend(form_urlencoded::parse(body.as_bytes()).into_owned())
                }
                "application/sparql-query" => body_query = Some(body),
                "application/sparql-update" => return Err(read_only()),
                other => {
                    return Err(refuse(
                        StatusCode::UNSUPPORTED_MEDIA_TYPE,
                        format!(
                            "a POST to the SPARQL endpoint has Content-Type \
                             application/sparql-query or application/x-www-form-urlencoded, \
                             not {other:?}"
                        ),
                    ))
                }
            }
        }
        _ => {
            return Err(refuse(
                StatusCode::METHOD_NOT_ALLOWED,
                "the SPARQL endpoint takes GET and POST",
            ))
        }
    }
    if pairs.iter().any(|(k, _)| k == "update") {
        return Err(read_only());
    }
    let mut asked = QueryRequest::default();
    let mut queries: Vec<String> = body_query.into_iter().collect();
    for (key, value) in pairs {
        match key.as_str() {
            "query" => queries.push(value),
            "default-graph-uri" => asked.default_graphs.push(value),
            "named-graph-uri" => asked.named_graphs.push(value),
            _ => {}
        }
    }
    asked.query = match queries.len() {
        1 => queries.remove(0),
        0 => {
            return Err(refuse(
                StatusCode::BAD_REQUEST,
                "no query: give it as the query parameter (GET or a form POST) or as an \
                 application/sparql-query body",
            ))
        }
        n => {
            return Err(refuse(
                StatusCode::BAD_REQUEST,
                format!("{n} queries in one request; send one"),
            ))
        }
    };
    Ok(asked)
}

/// The refusal of an update.
pub fn read_only() -> Refusal {
    refuse(
        StatusCode::FORBIDDEN,
        "this endpoint is read-only: newskg serve answers queries, and the store changes only \
         by newskg build",
    )
}

fn content_type(request: &Request<Body>) -> String {
    request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

fn read_body(request: &mut Request<Body>) -> Result<String, Refusal> {
    let mut body = String::new();
    let read = std::io::Read::read_to_string(
        &mut std::io::Read::take(request.body_mut(), MAX_BODY + 1),
        &mut body,
    );
    match read {
        Ok(n) if n as u64 > MAX_BODY => Err(refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the request body is larger than {MAX_BODY} bytes"),
        )),
        Ok(_) => Ok(body),
        Err(e) => Err(refuse(
            StatusCode::BAD_REQUEST,
            format!("cannot read the request body as UTF-8: {e}"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(method: Method, uri: &str, kind: Option<&str>, body: &str) -> Request<Body> {
        let mut builder = Request::builder().method(method).uri(uri);
        if let Some(kind) = kind {
            builder = builder.header(CONTENT_TYPE, kind);
        }
        builder.body(Body::from(body.to_owned())).unwrap()
    }

    #[test]
    fn a_get_gives_the_query_and_the_dataset() {
        let mut r = request(
            Method::GET,
            "/query?query=ASK%20%7B%7D&default-graph-uri=http%3A%2F%2Fg&named-graph-uri=http%3A%2F%2Fh",
            None,
            "",
        );
        let asked = query_request(&mut r).unwrap();
        assert_eq!(asked.query, "ASK {}");
        assert_eq!(asked.default_graphs, ["http://g"]);
        assert_eq!(asked.named_graphs, ["http://h"]);
    }

    #[test]
    fn posts_give_the_query_from_a_form_or_the_body() {
        let form = "application/x-www-form-urlencoded";
        let mut r = request(Method::POST, "/query", Some(form), "query=SELECT+*+%7B%7D");
        assert_eq!(query_request(&mut r).unwrap().query, "SELECT * {}");
        let mut r = request(
            Method::POST,
            "/query?default-graph-uri=http%3A%2F%2Fg",
            Some("application/sparql-query; charset=utf-8"),
            "ASK {}",
        );
        let asked = query_request(&mut r).unwrap();
        assert_eq!(
            (asked.query.as_str(), asked.default_graphs.len()),
            ("ASK {}", 1)
        );
    }

    #[test]
    fn updates_are_refused_and_missing_or_doubled_queries_are_bad_requests() {
        let update = "application/sparql-update";
        let mut r = request(Method::POST, "/query", Some(update), "CLEAR ALL");
        assert_eq!(
            query_request(&mut r).unwrap_err().status,
            StatusCode::FORBIDDEN
        );
        let form = "application/x-www-form-urlencoded";
        let mut r = request(Method::POST, "/query", Some(form), "update=CLEAR+ALL");
        assert_eq!(
            query_request(&mut r).unwrap_err().status,
            StatusCode::FORBIDDEN
        );
        let mut r = request(Method::GET, "/query", None, "");
        assert_eq!(
            query_request(&mut r).unwrap_err().status,
            StatusCode::BAD_REQUEST
        );
        let mut r = request(Method::GET, "/query?query=a&query=b", None, "");
        assert_eq!(
            query_request(&mut r).unwrap_err().status,
            StatusCode::BAD_REQUEST
        );
        let mut r = request(Method::POST, "/query", Some("text/plain"), "ASK {}");
        let status = query_request(&mut r).unwrap_err().status;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    }
}
