//! The core's one integration-test binary. Each module tests one part through the public API.

mod crash;
mod exchange;
mod framework;
mod keys;
mod meeting;
mod pdf;
mod signatures;
mod storage;
mod support;
mod wizard;
mod workflow;
