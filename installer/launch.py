"""Entry script of the frozen build: the same `cli.main()` as `tambon-desk` and
`python -m tambon_desk` (no arguments opens the window; sub-commands run headless).

`--smoke-test OUTDIR` (installer/freeze-check.sh) instead opens the main window on a fresh
demo database, writes a PDF and an XLSX report into OUTDIR and exits 0 (1 on any failure)."""

import sys


def run(argv: list[str]) -> int:
    if argv[:1] == ["--smoke-test"]:
        if len(argv) != 2:
            print("usage: --smoke-test OUTDIR", file=sys.stderr)
            return 2
        from tambon_desk.app import smoke_test

        return smoke_test(argv[1])
    from tambon_desk.cli import main

    return main(argv)


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
