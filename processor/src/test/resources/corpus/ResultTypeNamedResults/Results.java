package corpus;

/** Named like the runner's nested Results class. */
class Results {
  @Override
  public String toString() { return "corpus.Results"; }
}
