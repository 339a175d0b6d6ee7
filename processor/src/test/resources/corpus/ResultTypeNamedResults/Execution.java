package corpus;

/** Named like the runner's nested Execution class. */
class Execution {
  @Override
  public String toString() { return "corpus.Execution"; }
}
