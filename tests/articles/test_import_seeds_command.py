"""``manage.py import_seeds`` on real files: arguments, report, bad input, dry run, JSON."""

import gc
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.importer import batch, loader, reading
from articles.importer.extraction import extraction_as_json
from articles.management.commands import import_seeds
from articles.models import Article, Quote
from articles.signals import articles_imported
from tests.articles.parsed_builders import article, organisation, person, quote

pytestmark = pytest.mark.django_db

STORY = "Riverside council approved its budget on Tuesday.\n\nCouncillors argued until late.\n"


class Terminal(StringIO):
    """Output that says it is a terminal, as an interactive shell's is."""

    def isatty(self) -> bool:
        return True


def run(*args, stdout=None, **options) -> tuple[str, str, CommandError | None]:
    """Run the command; return its stdout, its stderr and the CommandError it raised, if any."""
    out, err = stdout or StringIO(), StringIO()
    try:
        call_command("import_seeds", *[str(a) for a in args], stdout=out, stderr=err, **options)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def write_story(folder, name: str, text: str = STORY):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_without_arguments_it_imports_every_txt_file_in_seeds(settings, tmp_path):
    settings.BASE_DIR = tmp_path
    write_story(tmp_path / "seeds", "a.txt")
    write_story(tmp_path / "seeds", "b.txt", "Another story entirely.\n\nWith a body.\n")
    write_story(tmp_path / "seeds", "notes.md", "Not an article.\n")

    out, err, error = run()

    assert error is None and err == ""
    assert set(Article.objects.values_list("source_file", flat=True)) == {"a.txt", "b.txt"}
    assert Article.objects.filter(status=Article.Status.DRAFT).count() == 2
    assert "created a.txt: “Riverside council approved its budget on Tuesday”" in out
    assert "Articles: 2 created, 0 updated, 0 unchanged, 0 failed." in out


def test_files_and_folders_given_as_arguments_are_imported(tmp_path):
    folder = tmp_path / "batch"
    write_story(folder, "one.txt")
    write_story(folder, "two.txt", "Second story here.\n\nBody.\n")
    loose = write_story(tmp_path, "loose.text", "A file named on the command line.\n\nBody.\n")

    _, _, error = run(folder, loose)

    assert error is None
    names = set(Article.objects.values_list("source_file", flat=True))
    assert names == {"one.txt", "two.txt", "loose.text"}


def test_a_second_run_changes_nothing_and_says_so(tmp_path):
    write_story(tmp_path, "a.txt")
    run(tmp_path)
    updated_at = Article.objects.get().updated_at

    out, _, error = run(tmp_path)

    assert error is None
    assert "Articles: 0 created, 0 updated, 1 unchanged, 0 failed." in out
    assert "Nothing changed" in out
    assert Article.objects.get().updated_at == updated_at


def test_a_changed_file_is_updated_and_the_report_lists_what_editors_kept(tmp_path):
    path = write_story(tmp_path, "a.txt")
    run(tmp_path)
    Article.objects.update(headline="Budget approved")
    path.write_text(STORY + "\nA third paragraph arrived.\n", encoding="utf-8")

    out, _, error = run(tmp_path)

    saved = Article.objects.get()
    assert error is None and "updated a.txt" in out
    assert "kept the editor's headline" in out
    assert saved.headline == "Budget approved"
    assert saved.blocks.last().text == "A third paragraph arrived."


BAD_INPUTS = [
    ("empty.txt", b"", "file is empty"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("latin1.txt", "Café society returns.\n\nBody.\n".encode("latin-1"), "not UTF-8"),
    ("huge.txt", b"word " * 500_000, "over the 2,097,152-byte limit"),
    ("blank.txt", "\u00a0\u2003\n\n\u3000\n".encode(), "no paragraphs"),
]


@pytest.mark.parametrize(("name", "content", "reason"), BAD_INPUTS)
def test_bad_input_is_one_line_naming_the_file_and_the_reason(tmp_path, name, content, reason):
    bad = tmp_path / name
    bad.write_bytes(content)
    good = write_story(tmp_path, "good.txt")

    _, err, error = run(bad, good)

    [line] = err.splitlines()
    assert line.startswith(f"{bad}: ") and reason in line
    assert error is not None and error.returncode == 1
    assert list(Article.objects.values_list("source_file", flat=True)) == ["good.txt"]


def test_missing_paths_and_folders_without_articles_are_one_line_errors(tmp_path):
    empty_folder = tmp_path / "empty"
    empty_folder.mkdir()
    good = write_story(tmp_path, "good.txt")

    _, err, error = run(tmp_path / "nope.txt", empty_folder, good)

    assert err.splitlines() == [
        f"{tmp_path / 'nope.txt'}: no such file or folder",
        f"{empty_folder}: folder has no .txt files",
    ]
    assert str(error) == "2 of 3 files failed."
    assert Article.objects.count() == 1


def test_many_bad_files_never_print_a_traceback(tmp_path):
    for name, content, _ in BAD_INPUTS:
        (tmp_path / name).write_bytes(content)
    write_story(tmp_path, "good.txt")

    _, err, error = run(tmp_path)

    assert len(err.splitlines()) == len(BAD_INPUTS)
    assert "Traceback" not in err
    assert error.returncode == 1 and Article.objects.count() == 1


def test_two_files_with_the_same_name_are_not_merged_into_one_article(tmp_path):
    first = write_story(tmp_path / "a", "story.txt")
    second = write_story(tmp_path / "b", "story.txt", "A different story.\n\nBody.\n")

    _, err, error = run(first, second)

    assert err.strip() == f"{second}: another file in this run, {first}, has the same name"
    assert Article.objects.get().standfirst.startswith("Riverside")
    assert error is not None


def test_an_unexpected_error_in_one_file_is_one_line_and_the_others_import(tmp_path, monkeypatch):
    """A bug hit by one file of a batch of new files costs only that file."""
    real_prepare = loader.prepare_article

    def prepare_or_fail(plan, **options):
        if plan.parsed.source == "bad.txt":
            raise RuntimeError("the loader\nbroke")
        return real_prepare(plan, **options)

    monkeypatch.setattr(loader, "prepare_article", prepare_or_fail)
    monkeypatch.setattr(batch, "prepare_article", prepare_or_fail)
    write_story(tmp_path, "bad.txt")
    write_story(tmp_path, "good.txt", "Good story.\n\nBody.\n")

    _, err, error = run(tmp_path)

    assert err.strip() == (
        f"{tmp_path / 'bad.txt'}: nothing written: unexpected RuntimeError: the loader broke"
    )
    assert error.returncode == 1
    assert list(Article.objects.values_list("source_file", flat=True)) == ["good.txt"]
    with pytest.raises(RuntimeError):
        call_command("import_seeds", str(tmp_path / "bad.txt"), traceback=True, stdout=StringIO())


def test_dry_run_prints_the_report_and_writes_nothing(tmp_path):
    write_story(tmp_path, "a.txt")

    out, _, error = run(tmp_path, dry_run=True)

    assert error is None
    assert "would create a.txt" in out
    assert "Dry run, nothing written. Articles that would be: 1 created" in out
    assert not Article.objects.exists()


def test_publish_publishes_what_the_run_creates(tmp_path):
    write_story(tmp_path, "a.txt")
    run(tmp_path, publish=True)
    assert Article.objects.published().count() == 1


def test_force_reimports_unchanged_files(tmp_path):
    write_story(tmp_path, "a.txt")
    run(tmp_path)
    out, _, _ = run(tmp_path, force=True)
    assert "updated a.txt" in out and Article.objects.count() == 1


def test_listeners_hear_once_per_imported_file(tmp_path, django_capture_on_commit_callbacks):
    write_story(tmp_path, "a.txt")
    write_story(tmp_path, "b.txt", "Another.\n\nBody.\n")
    heard = []

    def listener(sender, article_ids, **kwargs):
        heard.extend(article_ids)

    articles_imported.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            run(tmp_path)  # committed and indexed, as after a real run
        with django_capture_on_commit_callbacks(execute=True):
            run(tmp_path)  # unchanged: nothing to refresh
    finally:
        articles_imported.disconnect(listener)
    assert sorted(heard) == sorted(Article.objects.values_list("pk", flat=True))


def test_parser_warnings_and_dropped_footer_lines_are_in_the_report(tmp_path, monkeypatch):
    parsed = article(
        source="a.txt",
        dropped=("Follow The Echo on Twitter",),
        warnings=("quote marks do not balance in block 2",),
    )
    monkeypatch.setattr(reading, "read_article", lambda path: parsed)
    write_story(tmp_path, "a.txt")

    out, _, _ = run(tmp_path)

    assert "  warning: quote marks do not balance in block 2" in out
    assert "  warning: dropped footer line “Follow The Echo on Twitter”" in out
    assert "Warnings: 2." in out


def test_the_summary_counts_quotes_people_and_organisations(tmp_path, monkeypatch):
    parsed = {
        "a.txt": article(
            source="a.txt",
            people=(person("Jane Okafor"), person("Tom Reyes")),
            organisations=(organisation("Riverside Council"),),
            quotes=(quote("We did it", "Jane Okafor"), quote("We did not", "Tom Reyes")),
        ),
        "b.txt": article(
            source="b.txt", standfirst="Another.", people=(person("Jane Okafor"),), quotes=()
        ),
    }
    monkeypatch.setattr(reading, "read_article", lambda path: parsed[path.name])
    write_story(tmp_path, "a.txt")
    write_story(tmp_path, "b.txt", "Another.\n")

    out, _, _ = run(tmp_path)

    assert "Quotes: 2. People: 2 new, 0 already known. Organisations: 1 new" in out
    assert Quote.objects.count() == 2


def test_json_with_dry_run_prints_only_the_extraction_in_the_agreed_shape(tmp_path):
    write_story(tmp_path, "a.txt")

    out, err, error = run(tmp_path, dry_run=True, json=True)

    assert error is None and err == ""
    [extracted] = json.loads(out)["articles"]
    assert set(extracted) == {
        "source",
        "headline",
        "standfirst",
        "blocks",
        "dropped",
        "people",
        "organisations",
        "quotes",
    }
    assert extracted["source"] == "a.txt"
    assert extracted["blocks"][0] == {
        "kind": "paragraph",
        "text": "Riverside council approved its budget on Tuesday.",
    }
    assert extracted["standfirst"] == extracted["blocks"][0]["text"]
    assert not Article.objects.exists()


def test_json_stays_valid_when_a_file_fails(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    write_story(tmp_path, "a.txt")

    out, err, error = run(tmp_path, dry_run=True, json=True)

    assert [a["source"] for a in json.loads(out)["articles"]] == ["a.txt"]
    assert err.strip() == f"{tmp_path / 'empty.txt'}: file is empty"
    assert error.returncode == 1


def test_json_without_dry_run_is_refused(tmp_path):
    _, _, error = run(tmp_path, json=True)
    assert "--dry-run" in str(error)
    assert not Article.objects.exists()


def test_extraction_json_carries_quotes_people_and_organisations():
    parsed = article(
        source="a.txt",
        headline="Budget passes",
        standfirst="The budget passed.",
        paragraphs=("“We did it,” she said.",),
        dropped=("Follow us on Twitter",),
        people=(person("Jane Okafor", "Ms Okafor", role="Leader"),),
        organisations=(organisation("Crown Prosecution Service", "CPS", acronym="CPS"),),
        quotes=(quote("We did it", "Jane Okafor", blocks=(0, 1), verb="said"),),
    )
    assert extraction_as_json(parsed) == {
        "source": "a.txt",
        "headline": "Budget passes",
        "standfirst": "The budget passed.",
        "blocks": [
            {"kind": "paragraph", "text": "The budget passed."},
            {"kind": "paragraph", "text": "“We did it,” she said."},
        ],
        "dropped": ["Follow us on Twitter"],
        "people": [{"name": "Jane Okafor", "aliases": ["Ms Okafor"], "role": "Leader"}],
        "organisations": [{"name": "Crown Prosecution Service", "aliases": ["CPS"]}],
        "quotes": [
            {
                "text": "We did it",
                "speaker": "Jane Okafor",
                "speaker_kind": "person",
                "kind": "direct",
                "verb": "said",
                "paragraphs": [0, 1],
            }
        ],
    }


def test_a_terminal_shows_a_progress_bar_when_many_files_are_imported(tmp_path):
    for n in range(import_seeds.PROGRESS_MIN_FILES):
        write_story(tmp_path, f"story{n:02}.txt", f"Story {n}.\n\nBody.\n")
    count = import_seeds.PROGRESS_MIN_FILES

    on_terminal, _, _ = run(tmp_path, stdout=Terminal())
    Article.objects.all().delete()
    piped, _, _ = run(tmp_path)

    assert f"{count}/{count}" in on_terminal
    assert f"{count}/{count}" not in piped and "\r" not in piped
    assert "created story00.txt" in piped


def test_an_import_leaves_the_garbage_collector_as_it_found_it(tmp_path):
    """The command collects cyclic garbage less often while it runs (it makes
    millions of short-lived objects), and gives the process back as it was, even
    when a file fails: a server or shell that runs it goes on as before."""
    write_story(tmp_path, "good.txt")
    write_story(tmp_path, "empty.txt", "")
    threshold, frozen = gc.get_threshold(), gc.get_freeze_count()
    _, _, error = run(tmp_path)
    assert error is not None  # empty.txt
    assert Article.objects.count() == 1
    assert (gc.get_threshold(), gc.get_freeze_count()) == (threshold, frozen)
