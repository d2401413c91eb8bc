/**
 * Plugin descriptors: the provider contract shared by every plugin kind, availability and the list of kinds.
 */
package org.alws.api.plugin;
