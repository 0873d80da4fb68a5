//! Paired timing for the web benchmarks: the two sides run in alternating batches of
//! about 2 ms each, so that a shared machine's neighbours weigh on both alike, and the
//! median per-round ratio and difference are kept.

use std::time::Instant;

/// The two medians of one pairing.
#[derive(Debug, Clone, Copy)]
pub struct Pairing {
    /// Median of time(a) / time(b) over the rounds.
    pub ratio: f64,
    /// Median of time(a) - time(b) per call, in nanoseconds.
    pub difference_ns: f64,
}

const ROUNDS: usize = 41;

fn batch(f: &mut dyn FnMut(), k: u64) -> f64 {
    let start = Instant::now();
    for _ in 0..k {
        f();
    }
    start.elapsed().as_nanos() as f64 / k as f64
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Times `a` against `b` and prints `paired NAME: ratio R, difference D ns`.
pub fn compare(name: &str, mut a: impl FnMut(), mut b: impl FnMut()) -> Pairing {
    let once = batch(&mut a, 3).max(batch(&mut b, 3)).max(1.0);
    let k = ((2e6 / once) as u64).clamp(1, 100_000);
    let (mut ratios, mut differences) = (Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        // Alternate which side goes first: neither always runs on a warmer cache.
        let (ta, tb) = if round % 2 == 0 {
            let ta = batch(&mut a, k);
            (ta, batch(&mut b, k))
        } else {
            let tb = batch(&mut b, k);
            (batch(&mut a, k), tb)
        };
        ratios.push(ta / tb);
        differences.push(ta - tb);
    }
    let pairing = Pairing {
        ratio: median(ratios),
        difference_ns: median(differences),
    };
    println!(
        "paired {name}: ratio {:.3}, difference {:.0} ns",
        pairing.ratio, pairing.difference_ns
    );
    pairing
}
