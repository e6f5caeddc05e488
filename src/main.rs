// mimalloc: loading a plan allocates hundreds of thousands of small strings,
// and the system allocator spends twice the system time on them.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    plan_explorer::cli::exit::main()
}
