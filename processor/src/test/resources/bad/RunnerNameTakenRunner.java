package test;

/** Written by hand, with the name the processor would give RunnerNameTaken's runner. */
class RunnerNameTakenRunner {}
