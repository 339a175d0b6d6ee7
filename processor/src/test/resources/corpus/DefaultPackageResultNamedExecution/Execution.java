/** Named like the runner's nested Execution class, in the unnamed package. */
class Execution {}
