"""pmpath's own files, which keep the domain (answers, profiles, ladders), never rendered output.

* `home`: where they live, and the checks that keep them private;
* `files`: atomic writes, and the rules for files a person asks pmpath to write;
* `snapshot`: a ladder as plain data, for the cache and the history;
* `cache`: validated ladders, keyed on their bytes;
* `draft`: the unfinished interactive assessment, one run at a time;
* `history`: saved assessments in SQLite, each with the ladder it was scored against.
"""
