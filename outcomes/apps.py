from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "outcomes"

    def ready(self):
        # Signal receivers need the models, which are loaded only once the app is ready.
        from . import search_documents

        search_documents.connect()
