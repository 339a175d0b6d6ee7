package corpus;

/** Named like dev.taskwire.runtime.TaskKind, which the runner imports. */
class TaskKind {}
