package corpus;

/** Hides java.lang.String from this package. */
class String {}
