package corpus;

/** Named like dev.taskwire.runtime.RunOptions, which the runner imports. */
class RunOptions {}
