package corpus;

/** Hides java.lang.IllegalArgumentException from this package. */
class IllegalArgumentException {}
