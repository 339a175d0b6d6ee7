package corpus;

/** Hides java.lang.Exception from this package. */
class Exception {}
