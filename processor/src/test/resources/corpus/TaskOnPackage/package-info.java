/** Task is METHOD-only: javac rejects it on a package, before any processor runs. */
@Task package corpus.taskonpackage;

import dev.taskwire.Task;
