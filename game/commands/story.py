"""`tta validate` and `tta test`: the author's tools — located problems, scripted tests and quicktest."""

from __future__ import annotations

from pathlib import Path

import click

from engine.story import StoryError, discover_stories, load_story, story_file, validate_story
from engine.story.loader import bundled_stories_root
from engine.storytest import load_tests, quicktest, run_test
from game.factory import rules_pipelines


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(paths: tuple[Path, ...]) -> None:
    """Check story folders or files: schema, references, reachability, tests.yaml. Exit 1 on any error."""
    errors = 0
    for target in _expand(paths):
        if target.is_file() and target.suffix not in (".yaml", ".yml"):
            click.echo(f"{target}: skipped (not a story folder or .yaml file)")
            continue
        problems = validate_story(target)
        if not any(p.severity == "error" for p in problems):
            problems += load_tests(load_story(target))[1]
        for problem in problems:
            click.echo(str(problem))
        errors += sum(p.severity == "error" for p in problems)
        if not problems:
            click.echo(f"{story_file(target)}: ok")
    if errors:
        raise SystemExit(1)


def _expand(paths: tuple[Path, ...]) -> list[Path]:
    """Story paths as given; a folder of story folders (like stories/) stands for all of them."""
    targets: list[Path] = []
    for path in paths:
        inner = discover_stories(path) if path.is_dir() and not story_file(path).exists() else []
        targets.extend(inner or [path])
    return targets


@click.command(name="test")
@click.argument("stories", nargs=-1, type=click.Path(path_type=Path))
@click.option("--no-quicktest", is_flag=True, help="Only run the scripted tests.")
@click.option("--paraphrases", "paraphrases", type=click.Path(path_type=Path),
              help="Measure understanding on a paraphrase file (groups of setup + cases with expect).")
@click.option("--offscript", "offscript", type=click.Path(path_type=Path),
              help="Measure what off-script input gets (groups of setup + cases, each only `say`).")
@click.option("--profile", help="Model profile for --paraphrases/--offscript (default: rules, no models).")
def test_command(stories: tuple[Path, ...], no_quicktest: bool, paraphrases: Path | None, offscript: Path | None,
                 profile: str | None) -> None:
    """Run each story's scripted tests (tests.yaml) and the quicktest. Default: every bundled story.

    With --paraphrases or --offscript, measure instead: each ends with one summary line, and the exit status
    is 0 whatever the figures."""
    if paraphrases is not None or offscript is not None:
        from game.commands.measure import measure_command

        measure_command(list(stories), paraphrases, offscript, profile)
        return
    targets = list(stories) or discover_stories(Path.cwd() / "stories") or discover_stories(bundled_stories_root())
    failed = 0
    pipeline_for = rules_pipelines()  # the players' loop without its model steps
    for target in targets:
        try:
            story = load_story(target)
        except StoryError as exc:
            click.echo(str(exc))
            failed += 1
            continue
        click.echo(f"{story.title} ({story.id} {story.version})")
        tests, problems = load_tests(story)
        for problem in problems:
            click.echo(str(problem))
        failed += len(problems)
        for test in tests:
            result = run_test(story, test, pipeline_for)
            click.echo(f"  {'PASS' if result.passed else 'FAIL'} {test.name} ({result.turns} turns)")
            for failure in result.failures:
                click.echo(f"    {failure}")
            failed += not result.passed
        if not no_quicktest:
            report = quicktest(story)
            click.echo(f"  quicktest: {report.states} states explored, endings reached: "
                       f"{', '.join(sorted(report.endings)) or 'none'}")
            if report.truncated:
                click.echo("    stopped early: too many states to explore them all (side tasks that can be done in "
                           "any order multiply them); a second search followed new content first, and dead "
                           "ends were not checked")
            for line in report.unreachable + report.dead_ends:
                click.echo(f"    {line}")
            failed += not report.ok
    if failed:
        raise SystemExit(1)


def register(cli: click.Group) -> None:
    """Attach `tta validate` (also `tta lint`, the word authors reach for first) and `tta test` to the root group."""
    cli.add_command(validate)
    cli.add_command(validate, name="lint")
    cli.add_command(test_command)
