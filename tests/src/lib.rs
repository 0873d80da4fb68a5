//! Workspace-level tests: RFC vectors, interop, attacks.
