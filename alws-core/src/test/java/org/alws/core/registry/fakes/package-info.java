/**
 * Fake plugins for registry tests: working, unavailable, throwing and mislabelled providers. They are registered in
 * {@code fake-plugins/basic/META-INF/services}, outside the test class path's own service files, so that only the
 * tests that ask for them see them.
 */
package org.alws.core.registry.fakes;
