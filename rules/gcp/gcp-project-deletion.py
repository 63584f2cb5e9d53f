from google.cloud import resourcemanager_v3
from googleapiclient import discovery

projects = resourcemanager_v3.ProjectsClient()

# ruleid: gcp-project-deletion
projects.delete_project(name="projects/acme-sandbox-42")

# ruleid: gcp-project-deletion
operation = resourcemanager_v3.ProjectsClient().delete_project(request={"name": f"projects/{project_id}"})

crm = discovery.build("cloudresourcemanager", "v3")
# ruleid: gcp-project-deletion
crm.projects().delete(name=f"projects/{project_id}").execute()

# ok: gcp-project-deletion
projects.undelete_project(name="projects/acme-sandbox-42")

# ok: gcp-project-deletion
projects.get_project(name="projects/acme-sandbox-42")

# ok: gcp-project-deletion
crm.projects().get(name=f"projects/{project_id}").execute()

firestore = discovery.build("firestore", "v1")
# ok: gcp-project-deletion
firestore.projects().databases().delete(name=database_name).execute()

# ok: gcp-project-deletion
crm.liens().delete(name=lien_name).execute()
