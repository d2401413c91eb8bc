package org.alws.tensorflow;

import java.util.Locale;
import org.alws.api.BackendException;
import org.alws.api.plugin.Availability;
import org.tensorflow.TensorFlow;

/** Finds and loads TensorFlow's native library, turning failures into one clear message. */
final class NativeLibrary {
    static final String TF_JAVA_VERSION = "1.1.0";
    private static final String RESOURCE_DIR = "org/tensorflow/internal/c_api/";

    private static volatile String loadedVersion;

    private NativeLibrary() {
    }

    /** The JavaCPP platform name of this machine, e.g. {@code linux-x86_64}. */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String o = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "macosx" : os.startsWith("windows")
                ? "windows" : os;
        String a = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
        return o + "-" + a;
    }

    /** True if the GPU build of the native library is on the class path. */
    static boolean gpuBuild() {
        return resourcePresent(platform() + "-gpu");
    }

    private static boolean resourcePresent(String platformDir) {
        ClassLoader cl = NativeLibrary.class.getClassLoader();
        String lib = System.mapLibraryName("jnitensorflow");
        return cl != null && cl.getResource(RESOURCE_DIR + platformDir + "/" + lib) != null;
    }

    static String missingMessage() {
        String p = platform();
        return "TensorFlow's native library for " + p + " is not on the class path: add "
                + "org.tensorflow:tensorflow-core-native:" + TF_JAVA_VERSION + " with classifier " + p
                + " (or " + p + "-gpu)";
    }

    /** Cheap check, without loading anything: is a native library for this platform on the class path? */
    static Availability availability() {
        String p = platform();
        if (resourcePresent(p) || resourcePresent(p + "-gpu")) {
            return Availability.ok();
        }
        return Availability.unavailable(missingMessage());
    }

    /**
     * Loads the native library once.
     *
     * @return the TensorFlow version
     * @throws BackendException naming the platform and the missing classifier if it cannot load
     */
    static String load() {
        String v = loadedVersion;
        if (v != null) {
            return v;
        }
        synchronized (NativeLibrary.class) {
            if (loadedVersion == null) {
                Availability a = availability();
                if (!a.isAvailable()) {
                    throw new BackendException(a.reason());
                }
                try {
                    loadedVersion = TensorFlow.version();
                } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
                    throw new BackendException("TensorFlow's native library failed to load on " + platform() + " ("
                            + e + "); the classifier " + platform() + " of org.tensorflow:tensorflow-core-native:"
                            + TF_JAVA_VERSION + " must match this machine", e);
                }
            }
            return loadedVersion;
        }
    }
}
