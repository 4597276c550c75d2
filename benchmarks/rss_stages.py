"""RSS after each step of `spacefacts check FILE` in one process, and the high-water mark within each step.

    taskset -c 1 python benchmarks/rss_stages.py FILE [--no-cache] [--format text|json]

The steps: imports, reading the file (and its cache entry, or its first loading step), the claims, then
each check, finalize and render (to /dev/null). The cyclic GC is paused for the whole run, as the CLI
does. The high-water mark is reset after each step (Linux: /proc/self/clear_refs), so each line's peak is
that step's own. The parse cache is used as `spacefacts check` uses it (SPACEFACTS_CACHE_DIR moves it).
It wraps a few internals (includes._Part, cache.Store, checks.run_checks) to print between them: a
measuring tool, not an API.
"""

from __future__ import annotations

import gc
import os
import sys
import time

gc.disable()
_last = [time.perf_counter()]


def _status() -> tuple[int, int]:
    with open("/proc/self/status") as fh:
        fields = dict(line.split(":", 1) for line in fh)
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])


def mark(what: str) -> None:
    """Print RSS now, the high-water mark since the last mark, and the time since; reset the mark."""
    rss, hwm = _status()
    now = time.perf_counter()
    print(f"{what:<40} rss {rss / 1024:7.0f} MB  peak {hwm / 1024:7.0f} MB  {now - _last[0]:6.2f} s", flush=True)
    _last[0] = now
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")


def main() -> None:
    path = sys.argv[1]
    use_cache = "--no-cache" not in sys.argv
    fmt = sys.argv[sys.argv.index("--format") + 1] if "--format" in sys.argv else "text"
    from spacefacts import cache, checks, includes, pipeline
    from spacefacts.checks import CHECKS, Index, is_selected, paused_gc
    from spacefacts.render import Format, render_pieces

    mark("imports")
    first, claims, get, put = includes._Part.first, includes._Part.claims, cache.Store.get, cache.Store.put

    def first_step(self, *args, **kwargs):
        out = first(self, *args, **kwargs)
        mark(f"first step ({'cache' if self.entry else 'text'})")
        return out

    def claims_step(self, *args, **kwargs):
        out = claims(self, *args, **kwargs)
        mark("claims")
        return out

    def reading(self, *args, **kwargs):
        mark("  text read + digest")
        out = get(self, *args, **kwargs)
        mark("  cache entry read")
        return out

    def writing(self, *args, **kwargs):
        mark("  claims built")
        out = put(self, *args, **kwargs)
        mark("  cache entry written")
        return out

    def run_checks(base, ctx, stages=("lint",), before=()):  # checks.run_checks, with a mark after each check
        mark("loaded")
        chosen = [c for c in CHECKS
                  if c.stage in stages and any(is_selected(k, ctx.select, ctx.ignore) for k in c.codes)]
        ctx.index = Index(base, ctx.results)
        with paused_gc():
            found: list = []
            for n, c in enumerate(chosen):
                if not c.finalizing:
                    found += c.fn(base, ctx)
                    ctx.index.release(set(c.uses).difference(*(later.uses for later in chosen[n + 1:])))
                    mark(f"{'/'.join(c.codes)} ({len(found)} found)")
            for c in chosen:
                if c.finalizing:
                    found += c.fn(base, ctx, [*before, *found], stages)
                    mark(f"{'/'.join(c.codes)} ({len(found)} found)")
            ctx.index = None
        return found

    includes._Part.first, includes._Part.claims = first_step, claims_step
    cache.Store.get, cache.Store.put = reading, writing
    checks.run_checks = run_checks
    report = pipeline.run(path, ("lint", "check"), use_cache=use_cache)
    mark(f"finalized ({len(report.diagnostics)})")
    with open(os.devnull, "w") as out:
        for piece in render_pieces(Format(fmt), report):
            out.write(piece)
    mark("rendered")
    os._exit(0)  # as the CLI: no teardown of the fact base object by object


if __name__ == "__main__":
    main()
