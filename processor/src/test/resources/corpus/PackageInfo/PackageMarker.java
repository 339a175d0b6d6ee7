package corpus.packageinfo;

import java.lang.annotation.ElementType;
import java.lang.annotation.Target;

@Target(ElementType.PACKAGE)
@interface PackageMarker {}
