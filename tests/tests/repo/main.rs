//! Checks of the repository itself rather than of the code: it is self-contained
//! (`self_contained`) and its published crates' manifests are complete and honest
//! (`manifests`).

mod manifests;
mod self_contained;
