//! The core's one integration-test binary. Each module tests one part through the public API.

mod ai_act;
mod attachments;
mod checkpoints;
mod crash;
mod exchange;
mod followup;
mod forgery;
mod framework;
mod golden;
mod keys;
mod layers;
mod meeting;
mod pdf;
mod reassessment;
mod report;
mod roster;
mod secrets;
mod signatures;
mod start;
mod storage;
mod support;
mod tamper;
mod upgrade;
mod verifier;
mod wizard;
mod workflow;
