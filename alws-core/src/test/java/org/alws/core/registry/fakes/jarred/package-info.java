/**
 * Fake plugins that registry tests pack into JAR files at test time (duplicates, a class missing its superclass).
 * The tests hide this package from the parent class loader so that the classes load from those JARs.
 */
package org.alws.core.registry.fakes.jarred;
