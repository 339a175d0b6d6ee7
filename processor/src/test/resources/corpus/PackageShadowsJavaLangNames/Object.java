package corpus;

/** Hides java.lang.Object from this package. */
class Object {}
