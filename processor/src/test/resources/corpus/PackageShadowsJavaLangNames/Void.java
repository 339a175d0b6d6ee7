package corpus;

/** Hides java.lang.Void from this package. */
class Void {}
