//! Links the `krant` executable as position-dependent on Linux: a search is a short
//! process, and relocating a position-independent executable's ~30,000 pointers at every
//! start took about 1 ms of it (see BENCHMARKS.md). `scripts/release-build.sh` goes
//! further and links everything statically.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if os == "linux" {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
}
