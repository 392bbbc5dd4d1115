//! Turns `data/instance-types.csv` into a static Rust table, so the wasm
//! bundle carries the catalog as plain data with no CSV parser at run time.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

fn main() {
    let csv_path = "data/instance-types.csv";
    println!("cargo:rerun-if-changed={csv_path}");
    println!("cargo:rerun-if-changed=build.rs");
    let text = fs::read_to_string(csv_path).expect("data/instance-types.csv is readable");
    let mut lines = text.lines();
    let header = lines.next().expect("the csv has a header");
    assert_eq!(
        header, "instance_type,family,size,enis,private_ipv4_per_eni,ipv6_per_eni,source",
        "unexpected csv header"
    );
    // Two compact tables instead of an array of structs (whose two `&str`
    // fields cost 16 bytes of pointers per row in the bundle): the names
    // one per line, and four bytes of numbers per row.
    let mut names = String::new();
    let mut numbers = String::from("&[\n");
    for (n, line) in lines.enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split(',').collect();
        assert_eq!(cols.len(), 7, "line {}: expected 7 columns: {line}", n + 2);
        let name = cols[0];
        assert!(
            name.starts_with("ecs.")
                && name.bytes().all(|b| b.is_ascii_graphic() && b != b'"' && b != b'\\'),
            "line {}: bad name {name}",
            n + 2
        );
        // The family is read back from the name (instance_types.rs, family_of).
        assert_eq!(
            name,
            format!("ecs.{}.{}", cols[1], cols[2]),
            "line {}: the name is not ecs.FAMILY.SIZE",
            n + 2
        );
        assert!(!cols[2].contains('.'), "line {}: a size with a dot: {}", n + 2, cols[2]);
        let num = |s: &str, what: &str| -> u8 {
            if s.is_empty() {
                0
            } else {
                s.parse().unwrap_or_else(|_| panic!("line {}: bad {what} {s:?} (0 to 255)", n + 2))
            }
        };
        let enis = num(cols[3], "enis");
        let v4 = num(cols[4], "private_ipv4_per_eni");
        assert!(v4 >= 1, "line {}: private_ipv4_per_eni missing", n + 2);
        let v6 = num(cols[5], "ipv6_per_eni");
        let source = match cols[6] {
            "cur" => 0,
            "2021" => 1,
            other => panic!("line {}: unknown source {other:?}", n + 2),
        };
        names.push_str(name);
        names.push('\n');
        writeln!(numbers, "    [{enis}, {v4}, {v6}, {source}],").unwrap();
    }
    numbers.push(']');
    let out = format!(
        "/// Every name, one per line, in catalog order.\nconst NAMES: &str = {names:?};\n/// Per row: ENIs, private IPv4 per ENI, IPv6 per ENI, source (0 current, 1 docs 2021).\nconst NUMBERS: &[[u8; 4]] = {numbers};\n"
    );
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("instance_types.rs");
    fs::write(&dest, out).unwrap();
}
