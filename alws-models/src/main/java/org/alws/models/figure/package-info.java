/**
 * Picture helpers for the model plugins' own figures, which depend on alws-api and the JDK alone.
 */
package org.alws.models.figure;
