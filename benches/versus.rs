//! Native side of the cloud-init comparison (issue 19, item 2; run by
//! scripts/bench.sh, or `cargo bench --bench versus`): one network config,
//! the keep-mode plan of eth0 with N secondaries (1, 10, 49) in
//! 192.0.2.0/24, as a share-link query; one iteration parses it, validates
//! it and renders the methods whose formats cloud-init 22.4 also renders
//! (ifupdown: eni; netplan; RHEL ifcfg and SUSE wicked: sysconfig;
//! networkd; keyfile: network-manager). tests/tools/cloudinit_bench.py
//! times cloud-init's own renderers on the same config.
//!
//! Two workloads, each timed on its own:
//! - the whole rendering (`render`): every step, the script, Undo and
//!   Verify, far more than cloud-init's one file per format;
//! - like work (`files`): parse, validate and each method's recipe
//!   (`render::linux_recipe`), whose Configure files are what cloud-init's
//!   renderers write; the recipe also holds the method's commands, checks
//!   and typed notes, so it is still more than cloud-init does.
//!
//! Prints one JSON object per N on stdout:
//! `{"n":N,"ns_per_iter":MEDIAN,"iters":K,"bytes":B,"files_ns_per_iter":M,
//! "files_iters":L,"files_bytes":C}`: medians over 15 batches of about
//! 0.1 s each (after a warm-up), the artifact bytes one whole rendering
//! holds and the bytes of the files the recipes write.

#[cfg(not(target_arch = "wasm32"))]
mod bench {
    use std::hint::black_box;
    use std::time::{Duration, Instant};

    use wizard::catalog::Method;
    use wizard::plan::{validate, Form};
    use wizard::render::recipe::Action;
    use wizard::render::{linux_recipe, render};
    use wizard::share::{from_query, to_query};

    /// The methods whose formats cloud-init renders too.
    const METHODS: [Method; 6] = [
        Method::Ifupdown,
        Method::Netplan,
        Method::Ifcfg,
        Method::Wicked,
        Method::Networkd,
        Method::Keyfile,
    ];

    /// The same config as tests/tools/cloudinit_bench.py's `config(n)`.
    pub fn query(n: u8) -> String {
        let form = Form {
            os: "ubuntu22".into(),
            cidr: "192.0.2.0/24".into(),
            gateway: "192.0.2.253".into(),
            primary: "192.0.2.10".into(),
            limit: "50".into(),
            secondaries: (0..n).map(|i| format!("192.0.2.{}", 11 + i)).collect(),
            ..Form::default()
        };
        to_query(&form)
    }

    /// One iteration: the bytes rendered.
    pub fn once(q: &str) -> usize {
        let shared = from_query(q);
        let Ok(plan) = validate(&shared.form) else { return 0 };
        METHODS
            .iter()
            .map(|&m| render(&plan, m).artifacts().map(|a| a.content.len()).sum::<usize>())
            .sum()
    }

    /// Like work: the files the six methods' recipes write (their bytes).
    pub fn files(q: &str) -> usize {
        let shared = from_query(q);
        let Ok(plan) = validate(&shared.form) else { return 0 };
        METHODS
            .iter()
            .filter_map(|&m| linux_recipe(&plan, m))
            .map(|r| {
                r.configure
                    .iter()
                    .map(|a| match a {
                        Action::Write { file, .. } => file.content.len(),
                        _ => 0,
                    })
                    .sum::<usize>()
            })
            .sum()
    }

    /// The median time of one call of `work(q)` in ns, and the calls timed.
    fn time(q: &str, work: fn(&str) -> usize) -> (f64, u64) {
        // Warm-up, and the batch size for about 0.1 s.
        let start = Instant::now();
        let mut k = 0u64;
        while start.elapsed() < Duration::from_millis(300) {
            black_box(work(black_box(q)));
            k += 1;
        }
        let per_batch = (k / 3).max(1);
        let mut batches = Vec::new();
        for _ in 0..15 {
            let t = Instant::now();
            for _ in 0..per_batch {
                black_box(work(black_box(q)));
            }
            batches.push(t.elapsed().as_nanos() as f64 / per_batch as f64);
        }
        (median(batches), per_batch * 15)
    }

    fn median(mut xs: Vec<f64>) -> f64 {
        xs.sort_by(f64::total_cmp);
        xs[xs.len() / 2]
    }

    /// `--iterations K`: K untimed iterations per N, for a profiler
    /// (`valgrind --tool=callgrind`, `perf`) to count instructions.
    pub fn untimed(k: u32) {
        for n in [1u8, 10, 49] {
            let q = query(n);
            let bytes: usize = (0..k).map(|_| black_box(once(black_box(&q)))).sum();
            println!("{{\"n\":{n},\"iterations\":{k},\"bytes\":{bytes}}}");
        }
    }

    pub fn main() {
        for n in [1u8, 10, 49] {
            let q = query(n);
            let (bytes, file_bytes) = (once(&q), files(&q));
            assert!(bytes > 0 && file_bytes > 0, "the {n}-secondary form does not validate");
            let (whole, iters) = time(&q, once);
            let (like, files_iters) = time(&q, files);
            println!(
                "{{\"n\":{n},\"ns_per_iter\":{whole:.0},\"iters\":{iters},\"bytes\":{bytes},\"files_ns_per_iter\":{like:.0},\"files_iters\":{files_iters},\"files_bytes\":{file_bytes}}}"
            );
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    // `cargo bench` passes `--bench`; `--iterations K` runs untimed.
    let args: Vec<String> = std::env::args().collect();
    match args.iter().position(|a| a == "--iterations") {
        Some(i) => bench::untimed(args.get(i + 1).and_then(|k| k.parse().ok()).unwrap_or(1)),
        None => bench::main(),
    }
}

/// Nothing to measure on wasm32.
#[cfg(target_arch = "wasm32")]
fn main() {}
