# Read by nbconvert when mkdocs-jupyter executes the notebooks (hooks/notebooks.py puts this
# folder on JUPYTER_CONFIG_PATH). With CurveZMQ, the kernel's sockets are encrypted and the
# kernel no longer prints "Kernel is running over TCP without encryption" into the build log.
import zmq

c = get_config()  # noqa: F821 - provided by traitlets when it loads this file
if zmq.has("curve"):
    c.KernelManager.transport_encryption = "auto"
