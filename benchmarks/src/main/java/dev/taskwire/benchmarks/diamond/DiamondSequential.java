package dev.taskwire.benchmarks.diamond;

/** The floor: the four calls in order on the caller's thread. */
final class DiamondSequential {
  private DiamondSequential() {}

  static int run(Diamond p) {
    int a = p.a();
    int b = p.b(a);
    int c = p.c(a);
    return p.d(b, c);
  }
}
