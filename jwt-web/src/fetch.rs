//! Bounded HTTP GETs: the URL policy, no redirects, a timeout, a body cap.

use crate::error::{Error, ErrorKind, Result};
use reqwest::header::HeaderMap;
use reqwest::Url;
use std::net::IpAddr;
use std::time::Duration;

/// Accepts `https` URLs, and `http` ones only on a loopback address (`127.0.0.0/8`,
/// `::1`), which tests and local development use. A host name such as `localhost` is
/// not taken as loopback: only the address itself says where the request goes.
pub(crate) fn check_url(url: &str) -> Result<Url> {
    let parsed = Url::parse(url)
        .map_err(|e| Error::new(ErrorKind::InsecureUrl, format!("invalid URL {url:?}: {e}")))?;
    // The URL parser has normalized an IP host (`127.1` is `127.0.0.1`); a name does
    // not parse as an address.
    let loopback = parsed
        .host_str()
        .map(|host| host.trim_start_matches('[').trim_end_matches(']'))
        .and_then(|host| host.parse::<IpAddr>().ok())
        .is_some_and(|ip| ip.is_loopback());
    match parsed.scheme() {
        "https" if parsed.host().is_some() => Ok(parsed),
        "http" if loopback => Ok(parsed),
        _ => Err(Error::new(
            ErrorKind::InsecureUrl,
            format!("{url:?} is neither https nor http on a loopback address"),
        )),
    }
}

/// The HTTP client: no redirects, the timeout on the whole exchange, no proxy.
pub(crate) fn client(timeout: Duration) -> Result<reqwest::Client> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(timeout)
        .connect_timeout(timeout)
        .no_proxy()
        .build()
        .map_err(|e| Error::new(ErrorKind::Config, format!("HTTP client: {e}")))
}

/// GETs `url` and reads at most `limit` bytes of body.
pub(crate) async fn get(
    client: &reqwest::Client,
    url: &Url,
    limit: usize,
) -> Result<(Vec<u8>, HeaderMap)> {
    let fetch_error = |e: reqwest::Error| {
        let what = if e.is_timeout() {
            "timed out"
        } else if e.is_connect() {
            "could not connect"
        } else {
            "failed"
        };
        // The URL is ours (configuration), not the client's: fine in logs.
        Error::new(ErrorKind::Fetch, format!("GET {url} {what}: {e}"))
    };
    let mut response = client
        .get(url.clone())
        .header(reqwest::header::ACCEPT, "application/json")
        .send()
        .await
        .map_err(fetch_error)?;
    let status = response.status();
    if status.is_redirection() {
        return Err(Error::new(
            ErrorKind::Redirect,
            format!("GET {url} answered {status}; redirects are not followed"),
        ));
    }
    if !status.is_success() {
        return Err(Error::new(
            ErrorKind::Status,
            format!("GET {url} answered {status}"),
        ));
    }
    let too_large = || {
        Error::new(
            ErrorKind::LimitExceeded,
            format!("GET {url}: the body is larger than {limit} bytes"),
        )
    };
    if response
        .content_length()
        .is_some_and(|len| len > limit as u64)
    {
        return Err(too_large());
    }
    // Read chunk by chunk: a body without Content-Length (or lying about it) is
    // stopped at the limit, not buffered whole.
    let headers = response.headers().clone();
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(fetch_error)? {
        if body.len() + chunk.len() > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok((body, headers))
}

/// `Cache-Control: max-age=N` in seconds; `no-cache`, `no-store` and `max-age=0` read
/// as 0 (the caller applies its lower bound). `None` without a usable directive.
pub(crate) fn max_age(headers: &HeaderMap) -> Option<u64> {
    let mut found = None;
    for value in headers.get_all(reqwest::header::CACHE_CONTROL) {
        let Ok(value) = value.to_str() else { continue };
        for directive in value.split(',').map(str::trim) {
            let lower = directive.to_ascii_lowercase();
            if lower == "no-cache" || lower == "no-store" {
                return Some(0);
            }
            if let Some(seconds) = lower.strip_prefix("max-age=") {
                found = seconds.trim_matches('"').parse::<u64>().ok().or(found);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderValue, CACHE_CONTROL};

    #[test]
    fn only_https_and_loopback_http() {
        for ok in [
            "https://id.example.com/jwks",
            "http://127.0.0.1:8080/jwks",
            "http://127.9.9.9/jwks",
            "http://[::1]:3000/",
        ] {
            assert!(check_url(ok).is_ok(), "{ok}");
        }
        for refused in [
            "http://id.example.com/jwks",
            "http://localhost/jwks",
            "http://10.0.0.1/jwks",
            "http://[::2]/",
            "ftp://127.0.0.1/",
            "file:///etc/passwd",
            "not a url",
        ] {
            assert_eq!(
                check_url(refused).unwrap_err().kind(),
                ErrorKind::InsecureUrl,
                "{refused}"
            );
        }
    }

    fn headers(values: &[&str]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for v in values {
            map.append(CACHE_CONTROL, HeaderValue::from_str(v).unwrap());
        }
        map
    }

    #[test]
    fn cache_control_max_age() {
        assert_eq!(max_age(&headers(&[])), None);
        assert_eq!(max_age(&headers(&["public, max-age=3600"])), Some(3600));
        assert_eq!(
            max_age(&headers(&["Max-Age=60, must-revalidate"])),
            Some(60)
        );
        assert_eq!(max_age(&headers(&["max-age=600", "no-store"])), Some(0));
        assert_eq!(max_age(&headers(&["no-cache"])), Some(0));
        assert_eq!(max_age(&headers(&["max-age=soon"])), None);
        assert_eq!(max_age(&headers(&["max-age=-1"])), None);
    }
}
