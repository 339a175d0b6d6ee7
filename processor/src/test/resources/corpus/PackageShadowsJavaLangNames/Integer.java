package corpus;

/** Hides java.lang.Integer from this package. */
class Integer {}
