"""Drives a Vexil server through python-gitlab, the way teams script GitLab's Features API.

Usage: python3 python_gitlab_client.py <server url> <token>
Prints one JSON object with what each step returned; PythonGitLabClientTests checks it.
"""
import json
import sys

import gitlab


def summary(feature):
    return {"name": feature.name, "state": feature.state, "gates": feature.gates}


def main(url, token):
    gl = gitlab.Gitlab(url, private_token=token)
    out = {"python_gitlab": gitlab.__version__}

    # Staging leads: production may not be turned on while staging is off (the consistency check, as in chat).
    gl.features.set("duo_chat_multi_thread", True, environment="staging")
    gl.features.set("code_suggestions_context", True, environment="staging")

    # set() has no `key` argument: extra keyword arguments travel in the query string, the value in the JSON body.
    out["percentage_of_actors"] = summary(gl.features.set("duo_chat_multi_thread", 25, key="percentage_of_actors"))
    out["users"] = summary(gl.features.set("duo_chat_multi_thread", True, user="alice,bob"))
    out["project"] = summary(gl.features.set("duo_chat_multi_thread", True, project="gitlab-org/gitlab"))
    out["feature_group"] = summary(gl.features.set("code_suggestions_context", True, feature_group="gitlab_team_members"))
    out["percentage_of_time"] = summary(gl.features.set("code_suggestions_context", 0.5))
    out["boolean"] = summary(gl.features.set("code_suggestions_context", True))
    try:
        gl.features.set("code_suggestions_context", 10, key="percentage_of_actors")
        out["refused"] = None
    except gitlab.GitlabSetError as error:
        out["refused"] = {"code": error.response_code, "message": error.error_message}
    try:
        gl.features.set("python_forced_flag", True, force=True)
        out["inconsistent"] = None
    except gitlab.GitlabSetError as error:
        out["inconsistent"] = {"code": error.response_code, "message": error.error_message}
    out["forced"] = summary(gl.features.set("python_forced_flag", True, force=True, ignore_feature_flag_consistency_check=True))

    out["list"] = [summary(f) for f in gl.features.list(get_all=True)]

    # Delete one through the listed object and one through the manager: both send DELETE /features//<name>.
    listed = next(f for f in gl.features.list(get_all=True) if f.name == "code_suggestions_context")
    listed.delete()
    gl.features.delete("python_forced_flag")
    out["after_delete"] = [f.name for f in gl.features.list(get_all=True)]

    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
