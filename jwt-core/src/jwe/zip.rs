//! `zip: DEF` (RFC 7516 §4.1.3): raw DEFLATE (RFC 1951) of the plaintext.
//!
//! Compression needs no care: the caller chose the input. Decompression reads a sender's
//! data, and a few kilobytes of DEFLATE can expand to gigabytes, so [`inflate`] streams
//! through a fixed window and fails with `limit_exceeded` as soon as the output passes
//! the cap, never holding more than the cap plus one window.
//!
//! Inflation runs only after the content has been authenticated, so a malformed DEFLATE
//! stream cannot be an oracle: it was produced by someone holding the key. It is
//! reported as `malformed` (the sender built a bad token), not `decryption_failed`.

use crate::error::{Error, ErrorKind, Result};
use miniz_oxide::inflate::stream::{inflate as inflate_step, InflateState};
use miniz_oxide::{DataFormat, MZFlush, MZStatus};

/// The one registered compression algorithm.
pub(crate) const DEFLATE: &str = "DEF";

/// The output window: big enough to keep per-step overhead low, small enough that a
/// bomb is caught within 32 KiB of the cap.
const WINDOW: usize = 32 * 1024;

/// miniz_oxide's level 6: its default speed/ratio trade-off.
const LEVEL: u8 = 6;

/// Raw DEFLATE of `data`.
pub(crate) fn compress(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(data, LEVEL)
}

/// Inflates raw DEFLATE `data`, failing once the output would exceed `max_output` bytes.
///
/// # Errors
/// `limit_exceeded` past the cap; `malformed` for an invalid or truncated stream or
/// bytes after its end.
pub(crate) fn inflate(data: &[u8], max_output: usize) -> Result<Vec<u8>> {
    let mut state = InflateState::new_boxed(DataFormat::Raw);
    let mut window = vec![0u8; WINDOW];
    let mut out = Vec::new();
    let mut input = data;
    loop {
        let step = inflate_step(&mut state, input, &mut window, MZFlush::None);
        input = input.get(step.bytes_consumed..).unwrap_or_default();
        let produced = window.get(..step.bytes_written).unwrap_or_default();
        if out.len().saturating_add(produced.len()) > max_output {
            return Err(Error::new(
                ErrorKind::LimitExceeded,
                format!("zip: DEF content inflates to more than the limit of {max_output} bytes"),
            ));
        }
        out.extend_from_slice(produced);
        match step.status {
            Ok(MZStatus::StreamEnd) if input.is_empty() => return Ok(out),
            Ok(MZStatus::StreamEnd) => {
                return Err(Error::malformed(format!(
                    "zip: DEF content has {} bytes after the end of the DEFLATE stream",
                    input.len()
                )))
            }
            // No progress means the stream wants input that is not there.
            Ok(_) if step.bytes_consumed == 0 && step.bytes_written == 0 => return Err(truncated()),
            Ok(_) => {}
            Err(_) if input.is_empty() && step.bytes_written == 0 => return Err(truncated()),
            Err(_) => {
                return Err(Error::malformed(
                    "zip: DEF content is not a valid DEFLATE stream",
                ))
            }
        }
    }
}

fn truncated() -> Error {
    Error::malformed("zip: DEF content is not a valid DEFLATE stream (truncated)")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    /// A DEFLATE stream of `len` zero bytes written by hand with the fixed Huffman code
    /// (one literal, then back-references of length 258 at distance 1): about 13 bits
    /// per 258 output bytes, built in milliseconds where compressing would take seconds.
    pub(crate) fn zero_bomb(len: usize) -> Vec<u8> {
        struct Bits {
            out: Vec<u8>,
            acc: u64,
            n: u32,
        }
        impl Bits {
            // DEFLATE packs header fields least significant bit first...
            fn put(&mut self, value: u64, n: u32) {
                self.acc |= value << self.n;
                self.n += n;
                while self.n >= 8 {
                    self.out.push(self.acc as u8);
                    self.acc >>= 8;
                    self.n -= 8;
                }
            }
            // ...and Huffman codes most significant bit first.
            fn code(&mut self, code: u64, n: u32) {
                let reversed = (0..n).fold(0, |r, i| (r << 1) | ((code >> i) & 1));
                self.put(reversed, n);
            }
        }
        let mut bits = Bits {
            out: Vec::new(),
            acc: 0,
            n: 0,
        };
        bits.put(1, 1); // BFINAL
        bits.put(1, 2); // BTYPE = fixed Huffman
        bits.code(0b0011_0000, 8); // literal 0
        let mut left = len - 1;
        while left >= 258 {
            bits.code(0b1100_0101, 8); // length code 285 = 258
            bits.code(0, 5); // distance code 0 = 1
            left -= 258;
        }
        for _ in 0..left {
            bits.code(0b0011_0000, 8);
        }
        bits.code(0, 7); // end of block
        bits.put(0, 7); // flush
        bits.out
    }

    #[test]
    fn round_trips() {
        for data in [
            &b""[..],
            b"a",
            b"You can trust us to stick with you through thick and thin",
            &[7u8; 100_000],
        ] {
            let packed = compress(data);
            assert_eq!(inflate(&packed, data.len()).unwrap(), data);
        }
    }

    #[test]
    fn the_cap_is_inclusive() {
        let data = [1u8; 1000];
        let packed = compress(&data);
        assert_eq!(inflate(&packed, 1000).unwrap().len(), 1000);
        let err = inflate(&packed, 999).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::LimitExceeded);
    }

    #[test]
    fn the_hand_built_bomb_is_valid_deflate() {
        let bomb = zero_bomb(100_003);
        assert_eq!(inflate(&bomb, 100_003).unwrap(), vec![0u8; 100_003]);
    }

    #[test]
    fn a_deflate_bomb_is_stopped_at_the_cap_quickly() {
        let bomb = zero_bomb(100 * 1024 * 1024);
        assert!(bomb.len() < 1024 * 1024, "{}", bomb.len());
        let start = Instant::now();
        let err = inflate(&bomb, 1024 * 1024).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::LimitExceeded);
        assert!(err.message().contains("1048576"), "{}", err.message());
        // Inflating all 100 MB takes far longer than this in a debug build.
        assert!(
            start.elapsed() < Duration::from_secs(2),
            "{:?}",
            start.elapsed()
        );
    }

    #[test]
    fn invalid_deflate_is_malformed() {
        let packed = compress(b"some plaintext that compresses");
        let cases: Vec<Vec<u8>> = vec![
            vec![0xff; 16],                            // BTYPE = 3 is reserved
            vec![0b0000_0001, 0x05, 0x00, 0x00, 0x00], // stored block whose NLEN is not !LEN
            packed[..packed.len() - 2].to_vec(),       // truncated
            [packed.clone(), vec![0]].concat(),        // trailing byte
            vec![],                                    // no stream at all
        ];
        for case in cases {
            let err = inflate(&case, 1 << 20).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Malformed, "{case:?}");
        }
    }
}
