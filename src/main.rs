fn main() -> std::process::ExitCode {
    plan_explorer::cli::main()
}
