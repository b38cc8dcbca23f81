# The models are imported here, at collection, so that the template database's reset knows
# their tables (the migrations create them either way).
import consult.helpdesk.models  # noqa: F401
import consult.knowledge.models  # noqa: F401
from tests.knowledge.app_fixture import app  # noqa: F401
