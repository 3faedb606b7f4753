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

# The same notebook gives the same page. A kernel sends what a cell prints in pieces (when a
# timer fires or a buffer fills), so one build showed a cell's lines as one block and the next
# as two. nbconvert's CoalesceStreamsPreprocessor merges the pieces, but in its default order
# it runs before the cells are executed, when there is nothing to merge: it moves after them.
from nbconvert.exporters.exporter import Exporter  # noqa: E402

_COALESCE = "nbconvert.preprocessors.CoalesceStreamsPreprocessor"
_order = [name for name in Exporter().default_preprocessors if name != _COALESCE]
_order.insert(_order.index("nbconvert.preprocessors.ExecutePreprocessor") + 1, _COALESCE)
c.Exporter.default_preprocessors = _order
c.CoalesceStreamsPreprocessor.enabled = True
