//! Native benchmark (issue 8, item 3): parse a share link, validate it and
//! render every method, for 1, 10 and 49 secondary addresses.
//!
//! One iteration reads the query of each OS in [`COVER`] (together they use
//! every method), validates it and renders all of that OS's methods.
//! Run with `cargo bench --bench render`; criterion prints the figures.

#[cfg(not(target_arch = "wasm32"))]
mod bench {
    use std::hint::black_box;

    use criterion::{BenchmarkId, Criterion, Throughput};
    use wizard::catalog::Os;
    use wizard::plan::{validate, Form};
    use wizard::render::render_all;
    use wizard::share::{from_query, to_query};

    /// Operating systems that together use every method.
    pub const COVER: &[Os] = &[
        Os::Alinux3,
        Os::Rhel9,
        Os::Ubuntu20,
        Os::Debian13,
        Os::Debian11,
        Os::Sles15,
        Os::Alpine,
        Os::Windows2022,
    ];

    /// The guide's form with `n` secondaries (192.168.1.10 upwards) and a
    /// typed per-ENI limit that allows them, as share-link queries.
    pub fn queries(n: u8) -> Vec<String> {
        COVER
            .iter()
            .map(|os| {
                let form = Form {
                    os: os.as_str().into(),
                    limit: "50".into(),
                    secondaries: (0..n).map(|i| format!("192.168.1.{}", 10 + i)).collect(),
                    ..Form::guide_example()
                };
                to_query(&form)
            })
            .collect()
    }

    /// Parse + validate + render-all-methods of every query; the number of
    /// artifact bytes, so the work cannot be optimised away.
    pub fn run(queries: &[String]) -> usize {
        let mut bytes = 0;
        for q in queries {
            let shared = from_query(q);
            let Ok(plan) = validate(&shared.form) else { return 0 };
            for r in render_all(&plan) {
                bytes += r.artifacts().map(|a| a.content.len()).sum::<usize>();
            }
        }
        bytes
    }

    pub fn benches(c: &mut Criterion) {
        let mut group = c.benchmark_group("parse_validate_render_all_methods");
        for n in [1u8, 10, 49] {
            let qs = queries(n);
            assert!(run(&qs) > 0, "the {n}-secondary forms do not validate");
            group.throughput(Throughput::Elements(qs.len() as u64));
            group.bench_with_input(BenchmarkId::from_parameter(n), &qs, |b, qs| {
                b.iter(|| run(black_box(qs)))
            });
        }
        group.finish();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let mut c = criterion::Criterion::default().configure_from_args();
    bench::benches(&mut c);
    c.final_summary();
}

/// criterion does not build for wasm32: there the bench is empty.
#[cfg(target_arch = "wasm32")]
fn main() {}
