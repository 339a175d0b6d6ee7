/** A package with a package-info.java, annotated: processing sees its package element too. */
@PackageMarker
package corpus.packageinfo;
