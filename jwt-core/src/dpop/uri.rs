//! The `htu` comparison of RFC 9449 §4.3: an HTTP URI without its query and fragment,
//! normalised as RFC 3986 §6.2.2 and §6.2.3 say (syntax- and scheme-based).

use crate::error::{Error, Result};

/// The longest URI accepted, in bytes.
const MAX_URI_BYTES: usize = 8192;

/// `uri` as RFC 9449 §4.3 compares it: without query and fragment, scheme and host in
/// lower case, the scheme's default port left out (80 for `http`, 443 for `https`), an
/// empty path written `/`, percent-encodings in upper case and those of unreserved
/// characters decoded, then the dot segments of the path removed (`/a/./b/../c` is
/// `/a/c`, RFC 3986 §6.2.2.3 and §5.2.4).
///
/// ```
/// use jwt_core::dpop::normalize_http_uri;
/// assert_eq!(normalize_http_uri("HTTPS://Server.Example.COM:443/token?x=1#f")?, "https://server.example.com/token");
/// assert_eq!(normalize_http_uri("http://example.com:8080")?, "http://example.com:8080/");
/// assert_eq!(normalize_http_uri("https://example.com/a%7eb%2f")?, "https://example.com/a~b%2F");
/// assert_eq!(normalize_http_uri("https://example.com/a/./b/../%2E%2E/c")?, "https://example.com/c");
/// # Ok::<(), jwt_core::Error>(())
/// ```
///
/// # Errors
/// [`ErrorKind::Malformed`](crate::ErrorKind::Malformed) for anything but an absolute
/// `http` or `https` URI with a host, for user information in it (`user@host`), a port
/// that is not a number up to 65535, a bad percent-encoding, a character a URI cannot
/// hold, or more than 8 KiB.
pub fn normalize_http_uri(uri: &str) -> Result<String> {
    if uri.len() > MAX_URI_BYTES {
        return Err(Error::new(
            crate::ErrorKind::LimitExceeded,
            format!(
                "a URI of {} bytes, over the {MAX_URI_BYTES} allowed",
                uri.len()
            ),
        ));
    }
    if let Some(bad) = uri.chars().find(|c| !c.is_ascii_graphic()) {
        return Err(Error::malformed(format!(
            "a URI holds no {bad:?} (RFC 3986 §2)"
        )));
    }
    let without_fragment = uri.split('#').next().unwrap_or_default();
    let target = without_fragment.split('?').next().unwrap_or_default();
    let (scheme, rest) = target
        .split_once("://")
        .ok_or_else(|| Error::malformed("expected an absolute http or https URI"))?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" => 80,
        "https" => 443,
        _ => {
            return Err(Error::malformed(format!(
                "expected an http or https URI, found scheme {scheme:?}"
            )))
        }
    };
    let (authority, path) = match rest.find('/') {
        Some(slash) => rest.split_at(slash),
        None => (rest, ""),
    };
    if authority.contains('@') {
        return Err(Error::malformed(
            "a URI with user information (user@host) is not accepted",
        ));
    }
    let (host, port) = split_host_port(authority)?;
    if host.is_empty() {
        return Err(Error::malformed("the URI has no host"));
    }
    let mut out = String::with_capacity(target.len());
    out.push_str(&scheme);
    out.push_str("://");
    push_normalized(&host.to_ascii_lowercase(), &mut out)?;
    if let Some(port) = port.filter(|port| *port != default_port) {
        out.push(':');
        out.push_str(&port.to_string());
    }
    if path.is_empty() {
        out.push('/');
    } else {
        // Percent-encoded dots (`%2E`) are dots once decoded, so decoding comes first
        // (RFC 3986 §6.2.2.2 before §6.2.2.3).
        let mut decoded = String::with_capacity(path.len());
        push_normalized(path, &mut decoded)?;
        push_without_dot_segments(&decoded, &mut out);
    }
    Ok(out)
}

/// Appends the absolute path `path` (it starts with `/`) with its `.` and `..` segments
/// resolved as RFC 3986 §5.2.4 does: `..` removes the segment before it, never more
/// than the path has, and a path ending in a dot segment keeps its final `/`.
fn push_without_dot_segments(path: &str, out: &mut String) {
    let mut segments = path.strip_prefix('/').unwrap_or(path).split('/').peekable();
    let mut kept: Vec<&str> = Vec::new();
    while let Some(segment) = segments.next() {
        if segment != "." && segment != ".." {
            kept.push(segment);
            continue;
        }
        if segment == ".." {
            kept.pop();
        }
        if segments.peek().is_none() {
            kept.push("");
        }
    }
    out.push('/');
    out.push_str(&kept.join("/"));
}

/// The host and the port of an authority (`[v6]:port`, `host:port`, `host`); an empty
/// port (`host:`) is the default one (RFC 3986 §6.2.3).
fn split_host_port(authority: &str) -> Result<(&str, Option<u16>)> {
    let (host, port) = if authority.starts_with('[') {
        let end = authority
            .find(']')
            .ok_or_else(|| Error::malformed("an IPv6 host without its closing bracket"))?;
        let (host, rest) = authority.split_at(end + 1);
        match rest.strip_prefix(':') {
            Some(port) => (host, Some(port)),
            None if rest.is_empty() => (host, None),
            None => return Err(Error::malformed("unexpected text after an IPv6 host")),
        }
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    let port = match port {
        None | Some("") => None,
        Some(digits) if digits.bytes().all(|b| b.is_ascii_digit()) && digits.len() <= 5 => Some(
            digits
                .parse::<u16>()
                .map_err(|_| Error::malformed(format!("port {digits} is over 65535")))?,
        ),
        Some(other) => return Err(Error::malformed(format!("{other:?} is not a port"))),
    };
    Ok((host, port))
}

/// Appends `text` with its percent-encodings normalised: hex digits in upper case, and
/// those of unreserved characters (RFC 3986 §2.3) decoded.
fn push_normalized(text: &str, out: &mut String) -> Result<()> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'%' {
            out.push(char::from(bytes[i]));
            i += 1;
            continue;
        }
        let hex = |b: u8| char::from(b).to_digit(16);
        let (Some(high), Some(low)) = (
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) else {
            return Err(Error::malformed("a bad percent-encoding in the URI"));
        };
        let byte = (high * 16 + low) as u8;
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push_str(&format!("{byte:02X}"));
        }
        i += 3;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equivalent_spellings_normalise_alike() {
        let same = [
            "https://server.example.com/token",
            "HTTPS://SERVER.EXAMPLE.COM/token",
            "https://server.example.com:443/token",
            "https://server.example.com:/token",
            "https://server.example.com/token?a=b",
            "https://server.example.com/token#frag",
            "https://server.example.com/%74oken",
            "https://server.example.com/./token",
            "https://server.example.com/a/../token",
        ];
        for uri in same {
            assert_eq!(normalize_http_uri(uri).unwrap(), same[0], "{uri}");
        }
        assert_eq!(normalize_http_uri("http://h:80").unwrap(), "http://h/");
        assert_eq!(
            normalize_http_uri("http://h:0443/").unwrap(),
            "http://h:443/"
        );
        assert_eq!(
            normalize_http_uri("https://[::1]:8443/x").unwrap(),
            "https://[::1]:8443/x"
        );
        assert_eq!(
            normalize_http_uri("https://h/a%2fb").unwrap(),
            "https://h/a%2Fb"
        );
    }

    #[test]
    fn differences_that_matter_stay() {
        let base = normalize_http_uri("https://h/token").unwrap();
        for other in [
            "http://h/token",
            "https://h:8443/token",
            "https://h/Token",
            "https://h/token/",
            "https://h.example/token",
            "https://h/token/.",
            "https://h/a/../token/",
            "https://h/%2Ftoken",
        ] {
            assert_ne!(normalize_http_uri(other).unwrap(), base, "{other}");
        }
    }

    /// RFC 3986 §5.4's examples of dot-segment removal, on the paths of absolute URIs.
    #[test]
    fn dot_segments_resolve_as_rfc_3986_says() {
        for (path, expected) in [
            ("/a/b/c/./../../g", "/a/g"),
            ("/./token", "/token"),
            ("/a/..", "/"),
            ("/a/.", "/a/"),
            ("/..", "/"),
            ("/a/../../../token", "/token"),
            ("/a/b/../", "/a/"),
            ("/a//../b", "/a/b"),
            ("/a/%2e%2E/b", "/b"),
            ("/a/.b/..c", "/a/.b/..c"),
            ("/a/b/..", "/a/"),
        ] {
            assert_eq!(
                normalize_http_uri(&format!("https://h{path}")).unwrap(),
                format!("https://h{expected}"),
                "{path}"
            );
        }
    }

    #[test]
    fn what_is_not_an_http_uri_is_refused() {
        for bad in [
            "",
            "server.example.com/token",
            "ftp://h/x",
            "https:///x",
            "https://user@h/x",
            "https://h:99999/x",
            "https://h:8o/x",
            "https://h/a b",
            "https://h/%zz",
            "https://h/%4",
            "https://[::1/x",
            "https://h/é",
        ] {
            assert!(normalize_http_uri(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            normalize_http_uri(&format!("https://h/{}", "a".repeat(9000)))
                .unwrap_err()
                .kind(),
            crate::ErrorKind::LimitExceeded
        );
    }
}
