# Read by nbconvert when mkdocs-jupyter executes the notebooks (hooks/notebooks.py puts this
# folder on JUPYTER_CONFIG_PATH), and by tests/test_notebooks.py for its own kernels.
import os
import tempfile

import zmq

c = get_config()  # noqa: F821 - provided by traitlets when it loads this file

# With CurveZMQ, the kernel's sockets are encrypted and the kernel no longer prints
# "Kernel is running over TCP without encryption" into the build log.
if zmq.has("curve"):
    c.KernelManager.transport_encryption = "auto"

# Unix sockets instead of TCP ports. For TCP, jupyter_client picks a free port, closes it and
# hands its number to the kernel; another process can take that port in between, and the kernel
# dies ("Address already in use"). The two language builds and the tests start kernels side by
# side. A socket path that names this process cannot be taken by another; kernels within one
# process start one after another, and jupyter_client skips paths that exist.
if zmq.has("ipc"):
    c.KernelManager.transport = "ipc"
    c.KernelManager.ip = os.path.join(tempfile.gettempdir(), f"zeronn-kernel-{os.getpid()}")
